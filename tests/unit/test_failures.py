"""Failures mapped once: an activity's error by its kind, and a refused step by its cause."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DataError, OperationalError
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ActivityError, ApplicationError

from api.problems import from_update_failure
from runtime.failures import as_failure


def raised(err: Exception) -> Exception:
    """`err` as it arrives: raised, with its traceback."""
    try:
        raise err
    except Exception as caught:
        return caught


def test_refused_data_is_final_and_outages_and_defects_are_retried() -> None:
    too_large = raised(DataError("INSERT ... (111222333, 'Tanya')", {}, Exception("value out of range")))
    away = raised(OperationalError("SELECT ...", {}, Exception("database is locked")))
    refused, retried, defect = as_failure(too_large), as_failure(away), as_failure(raised(AttributeError("x")))
    assert refused.non_retryable
    assert not retried.non_retryable
    assert not defect.non_retryable
    for failure in (refused, retried, defect):
        assert "111222333" not in failure.message
        assert "Tanya" not in failure.message


def activity_failed(cause: ApplicationError) -> WorkflowUpdateFailedError:
    error = ActivityError(
        "activity failed",
        scheduled_event_id=1,
        started_event_id=2,
        identity="worker",
        activity_type="record_step",
        activity_id="1",
        retry_state=None,
    )
    error.__cause__ = cause
    return WorkflowUpdateFailedError(error)


def test_a_step_whose_write_the_dossier_refused_is_a_422() -> None:
    refused = activity_failed(
        ApplicationError("Gegevens geweigerd: DataError", type="GegevensGeweigerd", non_retryable=True)
    )
    problem = from_update_failure(refused)
    assert (problem.status, problem.code) == (422, "gegevens-geweigerd")


def test_any_other_failure_of_a_step_is_not_dressed_up_as_the_callers_fault() -> None:
    error = activity_failed(ApplicationError("Onverwachte fout: AttributeError", type="Onverwacht"))
    with pytest.raises(WorkflowUpdateFailedError):
        from_update_failure(error)
