"""The monitor page's charts: each figure the chart shows as (name, value, the value as written beside its bar).
The tables on the page hold the same figures; a chart only makes their sizes visible at a glance."""

from __future__ import annotations

from api.schemas.toezicht import Monitor
from ui.labels import fase_label, label
from ui.render import getal, procent

Staaf = tuple[str, float | None, str]


def grafieken(cijfers: Monitor) -> dict[str, list[Staaf]]:
    """The bars of each chart on the monitor page, by chart."""
    return {
        "normen": [(label("norm", n.norm), n.aandeel, procent(n.aandeel)) for n in cijfers.normen],
        "bronnen": [(label("bron", bron), n, str(n)) for bron, n in cijfers.aanmeldingen_per_bron.items()],
        "doorlooptijden": [
            (
                f"{label('mijlpaal', d.van)} → {label('mijlpaal', d.tot).lower()}",
                d.mediaan_dagen,
                f"{getal(d.mediaan_dagen)} dagen" if d.mediaan_dagen is not None else "–",
            )
            for d in cijfers.doorlooptijden
        ],
        "einden": [(label("einde", einde), n, str(n)) for einde, n in cijfers.einden.items()],
        "uitval": [
            (f"{label('uitval', u.reden)}, {fase_label(u.fase).lower()}", u.aantal, str(u.aantal))
            for u in cijfers.uitval
        ],
    }
