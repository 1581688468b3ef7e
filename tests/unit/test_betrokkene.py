"""Who around the client may be linked when, and what each part sees."""

from datetime import date

from domain.betrokkene import (
    Betrokkene,
    Betrokkenheid,
    Koppeling,
    Ontkoppeling,
    koppeling_problems,
    ontkoppeling_problems,
)

TODAY = date(2026, 12, 3)


def test_a_maatje_needs_the_clients_consent_and_never_sees_the_debts() -> None:
    maatje = Koppeling("mj-mia", Betrokkenheid.MAATJE, TODAY, schulden_delen=True)
    assert koppeling_problems(maatje, [], TODAY) == [
        ("toestemming_op", "een maatje kan alleen met toestemming van de cliënt; wanneer gaf die dat"),
        ("schulden_delen", "een maatje ziet alleen de actielijst en de afspraken"),
    ]
    assert not Betrokkene("mj-mia", Betrokkenheid.MAATJE, TODAY, toestemming_op=TODAY).ziet_schulden


def test_a_ketenpartner_sees_the_debts_only_when_shared_a_bewindvoerder_always() -> None:
    assert not Betrokkene("swt", Betrokkenheid.KETENPARTNER, TODAY).ziet_schulden
    assert Betrokkene("swt", Betrokkenheid.KETENPARTNER, TODAY, schulden_delen=True).ziet_schulden
    assert Betrokkene("bw", Betrokkenheid.BEWINDVOERDER, TODAY).ziet_schulden


def test_someone_is_linked_once_at_a_time_and_sees_the_traject_only_while_linked() -> None:
    linked = Betrokkene("swt", Betrokkenheid.KETENPARTNER, date(2026, 11, 1))
    again = Koppeling("swt", Betrokkenheid.KETENPARTNER, TODAY)
    assert koppeling_problems(again, [linked], TODAY) == [("medewerker_id", "is al aan dit traject gekoppeld")]
    linked.tot = date(2026, 11, 30)
    assert koppeling_problems(again, [linked], TODAY) == []
    assert linked.ziet_op(date(2026, 11, 30))
    assert not linked.ziet_op(TODAY)
    assert not linked.ziet_op(date(2026, 10, 31))
    assert ontkoppeling_problems(linked, Ontkoppeling("swt", TODAY)) == [
        ("medewerker_id", "deze koppeling is al beëindigd")
    ]


def test_a_link_does_not_start_ahead_or_end_before_it_began() -> None:
    ahead = Koppeling("swt", Betrokkenheid.KETENPARTNER, date(2026, 12, 4))
    assert koppeling_problems(ahead, [], TODAY) == [("vanaf", "ligt in de toekomst")]
    linked = Betrokkene("swt", Betrokkenheid.KETENPARTNER, TODAY)
    assert ontkoppeling_problems(linked, Ontkoppeling("swt", date(2026, 12, 2))) == [
        ("tot", "ligt voor het begin van de koppeling")
    ]
