"""A stand-in for the opengater-storage service, as the contract describes it, on FastAPI and uvicorn.

Run: API_KEY=secret python3 -m uvicorn opengater_storage:app --port 8000
"""
import os
import secrets
from typing import Optional

from fastapi import FastAPI, Header, HTTPException, Response
from pydantic import BaseModel

app = FastAPI(title="opengater-storage (e2e stand-in)")
API_KEY = os.environ["API_KEY"]
PUBLIC_BASE = "https://cdn.example"
objects = {}  # key -> public_url


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
def create_upload(body: UploadRequest, x_api_key: Optional[str] = Header(default=None)):
    check_key(x_api_key)
    name = secrets.token_hex(8) + EXTENSIONS.get(body.content_type.split(";")[0].strip(), "")
    key = f"{body.prefix.strip('/')}/{name}" if body.prefix.strip("/") else name
    public_url = f"{PUBLIC_BASE}/{key}"
    objects[key] = public_url
    return {"upload_url": f"https://s3.example/bucket/{key}?X-Amz-Signature={secrets.token_hex(16)}",
            "key": key, "public_url": public_url}


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
    return Response(status_code=204)
