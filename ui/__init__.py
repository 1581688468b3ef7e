"""The werkplek: server-rendered pages on the API's own app. Pages only read, through the read functions the
API uses; every write a page makes is a call of a documented /api/v1 route (ui/static/werkplek.js)."""
