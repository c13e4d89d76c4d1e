"""The dashboard's tabs, one module each, in the order of `state.TABS`."""

from dashboard.views.accusations import accusations_view
from dashboard.views.actors import actors_view
from dashboard.views.common import Page
from dashboard.views.compare import compare_view
from dashboard.views.evidence import about_view, documents_view, evidence_view
from dashboard.views.overview import header, overview_view
from dashboard.views.timeline import map_view, timeline_view

RENDERERS = {
    "Overview": overview_view,
    "Compare": compare_view,
    "Timeline": timeline_view,
    "Map": map_view,
    "Actors": actors_view,
    "Accusations": accusations_view,
    "Evidence": evidence_view,
    "Documents": documents_view,
    "About the data": about_view,
}

__all__ = ["RENDERERS", "Page", "header"]
