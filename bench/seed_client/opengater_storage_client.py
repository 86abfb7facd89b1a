"""opengater-storage-client 0.1.0, the seed's Python client, rewritten for the call benchmark.

The original (PyPI ``opengater-storage-client`` 0.1.0, described in shared/seeds/000_40d50f9bfd0a81ca.txt) is not
available here; this is our own rewrite from its description, kept as small and plain as it describes itself: "a thin
async client ... only httpx + pydantic". Its API:

    storage = StorageClient(base_url="http://opengater-storage:8000", api_key="...")   # timeout=30.0
    res = await storage.create_upload("image/png", prefix="news/articles")            # -> UploadResult
    await storage.delete_object(public_url=res.public_url)   # or key=res.key; neither -> ValueError
    await storage.aclose()                                   # or: async with StorageClient(...) as storage:

Errors: StorageError (an unexpected status), StorageBadRequest (400), StorageAuthError (401, 403), StorageUnavailable
(5xx, timeout, network error), each with .status_code (int | None) and .detail (str | None).

UploadResult is a pydantic model: Debian 12 ships pydantic 1.10 (python3-pydantic), so the code runs on pydantic 1 and
on pydantic 2 alike (parse_obj / model_validate). httpx.AsyncClient is used with its defaults, as a client that only
passes base_url, headers and timeout would (a pool of 100 connections, 20 of them kept alive).
"""
from __future__ import annotations

from typing import Any, Optional

import httpx
from pydantic import BaseModel, ValidationError

__all__ = [
    "StorageClient",
    "UploadResult",
    "StorageError",
    "StorageBadRequest",
    "StorageAuthError",
    "StorageUnavailable",
]


class StorageError(Exception):
    """Base of the client's errors; raised as such for an unexpected HTTP status."""

    def __init__(self, message: str, status_code: Optional[int] = None, detail: Optional[str] = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.detail = detail


class StorageBadRequest(StorageError):
    """HTTP 400."""


class StorageAuthError(StorageError):
    """HTTP 401 / 403."""


class StorageUnavailable(StorageError):
    """HTTP 5xx, a timeout or a network error."""


class UploadResult(BaseModel):
    upload_url: str
    key: str
    public_url: str


def _parse_upload_result(data: Any) -> UploadResult:
    validate = getattr(UploadResult, "model_validate", None)  # pydantic 2
    return validate(data) if validate is not None else UploadResult.parse_obj(data)


def _detail(response: httpx.Response) -> Optional[str]:
    """FastAPI's {"detail": ...}, or the body's text."""
    try:
        body = response.json()
    except ValueError:
        text = response.text.strip()
        return text or None
    if isinstance(body, dict) and "detail" in body:
        detail = body["detail"]
        return detail if isinstance(detail, str) else str(detail)
    return response.text.strip() or None


class StorageClient:
    """Async client of opengater-storage: POST /uploads and DELETE /objects, authenticated with X-API-Key."""

    def __init__(self, base_url: str, api_key: str, timeout: float = 30.0) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers={"X-API-Key": api_key, "Accept": "application/json"},
            timeout=timeout,
        )

    async def create_upload(self, content_type: str, prefix: str = "") -> UploadResult:
        """POST /uploads: a presigned PUT URL, the object's key and its public URL."""
        response = await self._request("POST", "/uploads", {"content_type": content_type, "prefix": prefix})
        try:
            return _parse_upload_result(response.json())
        except (ValueError, ValidationError) as e:  # not JSON, or a field missing
            raise StorageError(
                f"POST /uploads: unexpected answer: {e}", status_code=response.status_code, detail=str(e)
            ) from e

    async def delete_object(self, public_url: Optional[str] = None, key: Optional[str] = None) -> None:
        """DELETE /objects by public_url or key (key is the reliable one); neither raises ValueError."""
        if public_url is None and key is None:
            raise ValueError("give public_url or key")
        body = {}
        if key is not None:
            body["key"] = key
        if public_url is not None:
            body["public_url"] = public_url
        await self._request("DELETE", "/objects", body)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def __aenter__(self) -> "StorageClient":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.aclose()

    async def _request(self, method: str, path: str, body: dict) -> httpx.Response:
        operation = f"{method} {path}"
        try:
            response = await self._client.request(method, path, json=body)
        except httpx.TimeoutException as e:
            raise StorageUnavailable(f"{operation}: timeout", detail=f"timeout: {e!r}") from e
        except httpx.HTTPError as e:
            raise StorageUnavailable(f"{operation}: {e!r}", detail=repr(e)) from e
        status = response.status_code
        if 200 <= status < 300:
            return response
        detail = _detail(response)
        message = f"{operation} failed with HTTP {status}: {detail}"
        if status == 400:
            raise StorageBadRequest(message, status, detail)
        if status in (401, 403):
            raise StorageAuthError(message, status, detail)
        if status >= 500:
            raise StorageUnavailable(message, status, detail)
        raise StorageError(message, status, detail)
