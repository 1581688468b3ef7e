"""The ASGI application for uvicorn: `uvicorn api.main:app`."""

from api.app import create_app
from runtime.heap import settle
from runtime.logs import configure

configure()
app = create_app()
settle()
