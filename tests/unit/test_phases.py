"""Phase transitions and the procesplaat."""

from domain.phases import Phase, PhaseStatus, Step, allowed_steps, phase_after, procesplaat


def test_each_step_is_allowed_somewhere_and_creditors_only_once_stable() -> None:
    for step in Step:
        assert [p for p in Phase if step in allowed_steps(p)] != []
    phases = [p for p in Phase if Step.SCHULDEISERS_TOEVOEGEN in allowed_steps(p)]
    assert phases == [Phase.STABILISATIE, Phase.INVENTARISATIE]
    assert phase_after(Step.SCHULDEISERS_TOEVOEGEN, Phase.STABILISATIE) is Phase.INVENTARISATIE


def test_a_collection_measure_is_met_in_every_open_phase_up_to_the_end_of_the_term() -> None:
    measured = [p for p in Phase if Step.INCASSOMAATREGEL in allowed_steps(p)]
    assert measured == [p for p in Phase if p not in (Phase.NAZORG, Phase.AFGESLOTEN)]
    for phase in measured:
        assert phase_after(Step.INCASSOMAATREGEL, phase) is phase


def test_the_path_to_stabilisatie() -> None:
    assert phase_after(Step.EERSTE_GESPREK, Phase.AANMELDING) is Phase.TOELATING
    assert phase_after(Step.BESCHIKKING, Phase.TOELATING, toegelaten=True) is Phase.PLAN_VAN_AANPAK
    assert phase_after(Step.PLAN_VAN_AANPAK, Phase.PLAN_VAN_AANPAK) is Phase.STABILISATIE


def test_a_refusal_closes_the_traject() -> None:
    assert phase_after(Step.BESCHIKKING, Phase.TOELATING, toegelaten=False) is Phase.AFGESLOTEN
    assert allowed_steps(Phase.AFGESLOTEN) == ()


def test_procesplaat_marks_where_the_traject_is() -> None:
    plate = procesplaat(Phase.PLAN_VAN_AANPAK)
    statuses = {item.phase: item.status for item in plate}
    assert statuses[Phase.AANMELDING] is PhaseStatus.AFGEROND
    assert statuses[Phase.TOELATING] is PhaseStatus.AFGEROND
    assert statuses[Phase.PLAN_VAN_AANPAK] is PhaseStatus.HUIDIG
    assert statuses[Phase.NAZORG] is PhaseStatus.KOMEND
    assert Phase.AFGESLOTEN not in statuses


def test_procesplaat_of_a_refused_traject_stops_where_it_closed() -> None:
    plate = procesplaat(Phase.AFGESLOTEN, closed_after=Phase.TOELATING)
    assert [item.phase for item in plate] == [Phase.AANMELDING, Phase.TOELATING, Phase.AFGESLOTEN]
    assert plate[-1].status is PhaseStatus.HUIDIG
