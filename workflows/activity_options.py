"""Timeouts and retries every activity call shares: retried until it lands, since each is idempotent."""

from datetime import timedelta
from typing import Any

from temporalio.common import RetryPolicy

ACTIVITY: dict[str, Any] = {
    "start_to_close_timeout": timedelta(minutes=2),
    "retry_policy": RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=5)),
}
