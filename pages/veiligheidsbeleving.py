"""Veiligheidsbeleving: the residents' rapportcijfers against the begroting, and how often they feel unsafe."""

from ivb import charts, ui
from ivb.queries import documents

f = ui.page(__file__)
ui.city_only_notice(f)

with ui.data_section():
    ui.chart_block(
        "Rapportcijfers voor veiligheid", documents.visual_values("rapportcijfers", *f.years), charts.trend,
        "Effectindicatoren van doelstelling 5.2 (buurt) en 5.3 (stad): hoger is beter. "
        "Kadernota: Omnibusenquête; jaarverslag: Stadspeiling.",
        "rapportcijfers", f.years,
    )
    ui.chart_block(
        "Inwoners die zich zelden of nooit onveilig voelen", documents.visual_values("zelden_onveilig", *f.years), charts.trend,
        "Percentage inwoners dat zich zelden of nooit onveilig voelt, in de stad en in de eigen buurt (Omnibusenquête).",
        "zelden-onveilig", f.years,
    )
    ui.quality_notes("veiligheidsbeleving")
