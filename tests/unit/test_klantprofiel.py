"""The klantprofiel table: every combination of ernst, zelfredzaamheid and crisis."""

import pytest

from domain.klantprofiel import Ernst, Route, Zelfredzaamheid, klantprofiel

Z = Zelfredzaamheid


@pytest.mark.parametrize(
    ("ernst", "zelfredzaamheid", "route"),
    [
        (Ernst.LICHT, Z.ZELFREDZAAM, Route.SCHULDHULP),
        (Ernst.MATIG, Z.ZELFREDZAAM, Route.SCHULDHULP),
        (Ernst.ERNSTIG, Z.ZELFREDZAAM, Route.SCHULDHULP),
        (Ernst.LICHT, Z.BEPERKT, Route.SCHULDHULP),
        (Ernst.MATIG, Z.BEPERKT, Route.SCHULDHULP),
        (Ernst.ERNSTIG, Z.BEPERKT, Route.TANDEM),
        (Ernst.LICHT, Z.NIET, Route.TANDEM),
        (Ernst.MATIG, Z.NIET, Route.TANDEM),
        (Ernst.ERNSTIG, Z.NIET, Route.TANDEM),
    ],
)
def test_route_without_crisis(ernst: Ernst, zelfredzaamheid: Zelfredzaamheid, route: Route) -> None:
    assert klantprofiel(ernst, zelfredzaamheid, crisis=False).route is route


@pytest.mark.parametrize("ernst", list(Ernst))
@pytest.mark.parametrize("zelfredzaamheid", list(Zelfredzaamheid))
def test_crisis_always_goes_to_the_debt_service_at_once(ernst: Ernst, zelfredzaamheid: Zelfredzaamheid) -> None:
    assert klantprofiel(ernst, zelfredzaamheid, crisis=True).route is Route.CRISIS
