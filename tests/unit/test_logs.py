"""A failed call to Temporal is logged with its status code, and still without its message."""

from __future__ import annotations

from temporalio.service import RPCError, RPCStatusCode

from runtime.logs import error_fields


def test_a_failed_call_to_temporal_is_logged_with_its_status_and_without_its_message() -> None:
    inner = RPCError("workflow for Tanya 111222333 not found", RPCStatusCode.INTERNAL, b"")
    try:
        raise RuntimeError("while listing") from inner
    except RuntimeError as err:
        fields = error_fields(err)
    assert fields["error"] == "RuntimeError <- RPCError"
    assert fields["rpc_status"] == "INTERNAL"
    assert "111222333" not in repr(fields)


def test_any_other_error_has_no_status() -> None:
    try:
        raise ValueError("bsn 111222333")
    except ValueError as err:
        fields = error_fields(err)
    assert fields["error"] == "ValueError"
    assert "rpc_status" not in fields
    assert fields["where"].startswith("test_logs.py:")
