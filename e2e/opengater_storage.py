"""A stand-in for the opengater-storage service, as the contract describes it, on FastAPI and uvicorn.

It hands out SigV4 presigned URLs of a real S3 API (S3Proxy in e2e/run.sh), whose bucket it creates at start.
Public URLs are its own /public/<key>, which redirect to a presigned GET, as a CDN in front of a private bucket serves.

Run: API_KEY=secret S3_ENDPOINT=http://127.0.0.1:9000 S3_IDENTITY=id S3_CREDENTIAL=secret \
     python3 -m uvicorn opengater_storage:app --port 8000
"""
import datetime
import hashlib
import hmac
import os
import secrets
import urllib.parse
import urllib.request
from typing import Optional

from fastapi import FastAPI, Header, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

app = FastAPI(title="opengater-storage (e2e stand-in)")
API_KEY = os.environ["API_KEY"]
S3_ENDPOINT = os.environ["S3_ENDPOINT"].rstrip("/")
S3_IDENTITY = os.environ["S3_IDENTITY"]
S3_CREDENTIAL = os.environ["S3_CREDENTIAL"]
REGION = "us-east-1"
BUCKET = "opengater"
objects = {}  # key -> public_url


def presign(method: str, key: str = "", content_type: Optional[str] = None, expires: int = 300) -> str:
    """A SigV4 query-string presigned URL (AWS's documented algorithm), path style, with an unsigned payload.

    The signed headers are host and, when given, content-type: the PUT must then send exactly that Content-Type.
    """
    now = datetime.datetime.now(datetime.timezone.utc)
    day, stamp = now.strftime("%Y%m%d"), now.strftime("%Y%m%dT%H%M%SZ")
    scope = f"{day}/{REGION}/s3/aws4_request"
    headers = {"host": urllib.parse.urlsplit(S3_ENDPOINT).netloc}
    if content_type is not None:
        headers["content-type"] = content_type.strip()
    signed_headers = ";".join(sorted(headers))
    path = urllib.parse.quote(f"/{BUCKET}/{key}" if key else f"/{BUCKET}", safe="/")
    query = "&".join(f"{urllib.parse.quote(name, safe='')}={urllib.parse.quote(value, safe='')}"
                     for name, value in sorted({"X-Amz-Algorithm": "AWS4-HMAC-SHA256",
                                                "X-Amz-Credential": f"{S3_IDENTITY}/{scope}",
                                                "X-Amz-Date": stamp, "X-Amz-Expires": str(expires),
                                                "X-Amz-SignedHeaders": signed_headers}.items()))
    canonical_headers = "".join(f"{name}:{headers[name]}\n" for name in sorted(headers))
    canonical_request = "\n".join([method, path, query, canonical_headers, signed_headers, "UNSIGNED-PAYLOAD"])
    string_to_sign = "\n".join(["AWS4-HMAC-SHA256", stamp, scope,
                                hashlib.sha256(canonical_request.encode()).hexdigest()])
    signing_key = ("AWS4" + S3_CREDENTIAL).encode()
    for part in (day, REGION, "s3", "aws4_request"):
        signing_key = hmac.new(signing_key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(signing_key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return f"{S3_ENDPOINT}{path}?{query}&X-Amz-Signature={signature}"


def s3(method: str, key: str = "") -> None:
    """A presigned call of the stand-in's own to S3; urllib raises on a response that is not 2xx."""
    urllib.request.urlopen(urllib.request.Request(presign(method, key), data=b"" if method == "PUT" else None,
                                                  method=method), timeout=10).close()


@app.on_event("startup")
def create_bucket() -> None:
    s3("PUT")


class UploadRequest(BaseModel):
    content_type: str
    prefix: str = ""


class DeleteRequest(BaseModel):
    key: Optional[str] = None
    public_url: Optional[str] = None


def check_key(x_api_key: Optional[str]) -> None:
    if x_api_key is None:
        raise HTTPException(status_code=401, detail="Missing API key")
    if not secrets.compare_digest(x_api_key, API_KEY):
        raise HTTPException(status_code=403, detail="Invalid API key")


EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "application/pdf": ".pdf", "text/plain": ".txt"}


@app.post("/uploads")
def create_upload(body: UploadRequest, request: Request, x_api_key: Optional[str] = Header(default=None)):
    check_key(x_api_key)
    name = secrets.token_hex(8) + EXTENSIONS.get(body.content_type.split(";")[0].strip(), "")
    key = f"{body.prefix.strip('/')}/{name}" if body.prefix.strip("/") else name
    public_url = f"{str(request.base_url).rstrip('/')}/public/{key}"
    objects[key] = public_url
    return {"upload_url": presign("PUT", key, body.content_type), "key": key, "public_url": public_url}


@app.get("/public/{key:path}")
def public_object(key: str):
    # for any key, known or not: what is served, and the 404 of a deleted object, are S3Proxy's responses
    return RedirectResponse(presign("GET", key), status_code=307)


@app.delete("/objects", status_code=204)
def delete_object(body: DeleteRequest, x_api_key: Optional[str] = Header(default=None)):
    check_key(x_api_key)
    if body.key is None and body.public_url is None:
        raise HTTPException(status_code=400, detail="key or public_url is required")
    key = body.key
    if key is None:
        key = next((k for k, url in objects.items() if url == body.public_url), None)
    if key is None or key not in objects:
        raise HTTPException(status_code=404, detail="Object not found")
    del objects[key]
    s3("DELETE", key)
    return Response(status_code=204)
