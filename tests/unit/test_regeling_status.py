"""The settlement's status machine: every status but the ends has a way on, the ends allow nothing, and a
move the table does not hold is refused."""

from __future__ import annotations

import pytest

from domain.regeling_status import (
    ENDED,
    TRANSITIONS,
    Gebeurtenis,
    RegelingStap,
    RegelingStatus,
    allowed_steps,
    next_status,
    waiting_on,
)


def test_every_open_status_can_be_left_and_stopped() -> None:
    for status in RegelingStatus:
        leaving = {to for (origin, _), to in TRANSITIONS.items() if origin is status}
        if status in ENDED:
            assert leaving == set()
            assert allowed_steps(status) == frozenset()
            assert waiting_on(status) == "niemand"
        else:
            assert leaving - {status}
            assert next_status(status, Gebeurtenis.GESTOPT) is RegelingStatus.BEEINDIGD


def test_the_longest_path_through_the_court_to_the_schone_lei() -> None:
    path = [
        (Gebeurtenis.GEWEIGERD, RegelingStatus.GEWEIGERD),
        (Gebeurtenis.DWANGAKKOORD_GEVRAAGD, RegelingStatus.DWANGAKKOORD),
        (Gebeurtenis.DWANGAKKOORD_AFGEWEZEN, RegelingStatus.GEWEIGERD),
        (Gebeurtenis.WSNP_GEVRAAGD, RegelingStatus.WSNP_VERZOEK),
        (Gebeurtenis.WSNP_TOEGEWEZEN, RegelingStatus.WSNP),
        (Gebeurtenis.SCHONE_LEI, RegelingStatus.AFGEROND),
    ]
    status = RegelingStatus.VOORSTEL
    for gebeurtenis, expected in path:
        status = next_status(status, gebeurtenis)
        assert status is expected


def test_a_move_the_table_does_not_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="kan niet in status"):
        next_status(RegelingStatus.VOORSTEL, Gebeurtenis.SCHONE_LEI)
    with pytest.raises(ValueError, match="kan niet in status"):
        next_status(RegelingStatus.AFGEROND, Gebeurtenis.GESTOPT)


def test_payments_only_during_the_term() -> None:
    assert [s for s in RegelingStatus if RegelingStap.BETALING in allowed_steps(s)] == [RegelingStatus.LOOPT]
