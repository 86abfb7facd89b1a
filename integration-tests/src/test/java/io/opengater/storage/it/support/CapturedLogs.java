package io.opengater.storage.it.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log record published while it is open, at every level the loggers let through: logger name, formatted
 * message and the stack trace of its throwable, one string a record, for the secrecy tests to search.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLogs() {
        setLevel(Level.ALL);
    }

    /** Starts capturing on the root logger. */
    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        Logger.getLogger("").addHandler(logs);
        return logs;
    }

    public List<String> lines() {
        return lines;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord extended ? extended.getFormattedMessage() : record.getMessage();
        lines.add(record.getLoggerName() + " " + message
                + (record.getThrown() == null ? "" : " " + stackTrace(record.getThrown())));
    }

    @Override
    public void flush() {
    }

    /** Stops capturing. */
    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }

    public static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
