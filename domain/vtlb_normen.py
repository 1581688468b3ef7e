"""The dated norms the VTLB is computed from (Recofa method), as policy data a municipality updates.

Each period's norms name their source. The municipality adds a new period when the norms change (each
1 January and 1 July for the bijstandsnormen) in its policy file; a calculation uses the period in force
on its date, so an older calculation can always be explained with the norms it used.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class VtlbNormen:
    """The norms of one period, all per month in euro cents.

    The bijstandsnormen are the net Participatiewet norms for 21 years to the state pension age, including
    the holiday allowance. The housing and health-insurance parts are what the norm already covers: only
    costs above them raise the VTLB (Recofa: woonkosten- en ziektekostencorrectie).
    """

    geldig_vanaf: date
    bron: str
    alleenstaande_cent: int
    alleenstaande_ouder_cent: int
    gehuwd_cent: int
    beslagvrij_procent: int
    woonkosten_in_norm_cent: int
    zorgpremie_in_norm_cent: int


DEFAULT_NORMEN: tuple[VtlbNormen, ...] = (
    VtlbNormen(
        geldig_vanaf=date(2025, 1, 1),
        bron=(
            "Participatiewet art. 21, netto bijstandsnormen incl. vakantietoeslag (normenoverzicht Stimulansz); "
            "95% beslagvrije voet en woon- en zorgcorrectie volgens de Recofa-methode. "
            "Controleer de bedragen tegen de actuele Recofa-tabel voor gebruik."
        ),
        alleenstaande_cent=136_906,
        alleenstaande_ouder_cent=136_906,
        gehuwd_cent=195_580,
        beslagvrij_procent=95,
        woonkosten_in_norm_cent=25_000,
        zorgpremie_in_norm_cent=4_500,
    ),
)


def normen_op(day: date, periods: tuple[VtlbNormen, ...]) -> VtlbNormen:
    """The norms in force on `day`: the latest period that started on or before it."""
    started = [p for p in periods if p.geldig_vanaf <= day]
    if not started:
        raise ValueError(f"geen VTLB-normen bekend op {day.isoformat()}")
    return max(started, key=lambda p: p.geldig_vanaf)
