package io.opengater.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

/**
 * What the whole benchmark JVM spent, to divide by the calls of a window: CPU time, heap allocated by its live threads
 * and the context switches of its threads (Linux only, else -1). On a shared 2-core machine the allocation and the
 * switches per call vary far less from one JVM to the next than calls per second do; CPU time per call varies as much.
 */
record ProcessCost(long cpuNanos, long allocatedBytes, long contextSwitches) {

    static ProcessCost now() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            allocated += Math.max(0, bytes);
        }
        return new ProcessCost(os.getProcessCpuTime(), allocated, switchesSoFar());
    }

    ProcessCost minus(ProcessCost earlier) {
        return new ProcessCost(cpuNanos - earlier.cpuNanos, allocatedBytes - earlier.allocatedBytes,
                contextSwitches < 0 || earlier.contextSwitches < 0 ? -1 : contextSwitches - earlier.contextSwitches);
    }

    /** Voluntary and involuntary switches of every thread, from {@code /proc/self/task/<tid>/status}. */
    private static long switchesSoFar() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.mapToLong(ProcessCost::switchesSoFar).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long switchesSoFar(Path task) {
        try (Stream<String> lines = Files.lines(task.resolve("status"))) {
            return lines.filter(line -> line.contains("ctxt_switches:"))
                    .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).trim()))
                    .sum();
        } catch (IOException e) {
            return 0; // the thread ended meanwhile
        }
    }
}
