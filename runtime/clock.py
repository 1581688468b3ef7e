"""The wall clock of the processes outside workflows (API, activities): "today" is the municipality's date.

Workflow code never reads this: it has `workflow.now()`. Everything else asks here, so a date taken just
after midnight is the Dutch date, not the UTC one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from domain.policy import TIMEZONE
from domain.wgs_deadlines import local_date


def now() -> datetime:
    """The current instant, in UTC."""
    return datetime.now(UTC)


def today(timezone: str = TIMEZONE) -> date:
    """Today's date in the municipality's time zone."""
    return local_date(now(), timezone)


def day_of(instant: datetime, timezone: str = TIMEZONE) -> date:
    """The municipality's date of a stored instant; the dossier keeps instants in UTC, read back naive."""
    return local_date(instant if instant.tzinfo else instant.replace(tzinfo=UTC), timezone)
