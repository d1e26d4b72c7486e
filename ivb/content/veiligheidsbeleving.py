"""Veiligheidsbeleving: the residents' rapportcijfers against the begroting, and how often they feel unsafe."""

from __future__ import annotations

from ivb.blocks import Chart, Out
from ivb.content.common import city_only_notice, quality_notes
from ivb.queries import documents
from ivb.views import charts


def content(out: Out) -> None:
    f = out.filters
    city_only_notice(out)
    with out.section():
        out.add(Chart(
            "Rapportcijfers voor veiligheid", documents.visual_values("rapportcijfers", *f.years), charts.trend,
            "Effectindicatoren van doelstelling 5.2 (buurt) en 5.3 (stad): hoger is beter. "
            "Kadernota: Omnibusenquête; jaarverslag: Stadspeiling.",
            "rapportcijfers",
        ))
        out.add(Chart(
            "Inwoners die zich zelden of nooit onveilig voelen", documents.visual_values("zelden_onveilig", *f.years),
            charts.trend,
            "Percentage inwoners dat zich zelden of nooit onveilig voelt, in de stad en in de eigen buurt (Omnibusenquête).",
            "zelden-onveilig",
        ))
        quality_notes(out, "veiligheidsbeleving")
