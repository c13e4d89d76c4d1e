"""Every colour the dashboard uses, defined once (no Streamlit).

One colour per mediator, event type and talks status, the same in every view:
charts look their colour up here by the value's label and never pick one from
the values they happen to show. Mediators take their colour from their rank (the
order of `conflict.json`'s mediators, then the others by name), so following
another conflict needs no change here.
"""

from __future__ import annotations

NO_MEDIATOR = "No mediator"
NO_MEDIATOR_COLOUR = "#adb5bd"
UNKNOWN_COLOUR = "#8d99ae"

STATUS_COLOURS = {
    "held": "#2a9d8f",
    "planned": "#e9a23b",
    "cancelled": "#c1121f",
    "unknown": UNKNOWN_COLOUR,
}

# Well apart from each other: talks and accusation are never two blues.
TYPE_COLOURS = {
    "talks": "#3a6ea5",
    "meeting": "#76b7b2",
    "call": "#59a14f",
    "statement": "#b6992d",
    "accusation": "#e15759",
    "refusal": "#f28e2b",
    "sanction": "#9c755f",
    "agreement": "#8cd17d",
    "military_action": "#6b3e75",
    "humanitarian": "#ff9da7",
    "report": "#a5a5a5",
}

# Mediators by rank: distinct hues first, none of them the "no mediator" grey.
MEDIATOR_PALETTE = (
    "#1f4e9c",  # navy
    "#e0a100",  # amber
    "#c0392b",  # red
    "#6c3483",  # purple
    "#148f77",  # teal
    "#d35400",  # orange
    "#2e86c1",  # sky
    "#27ae60",  # green
    "#e84393",  # pink
    "#7d6608",  # olive
    "#34495e",  # slate
    "#a04000",  # brown
)

# A publication date stands in for the event's own date: drawn hatched, never solid.
PUBLICATION_PATTERN = "/"


def mediator_colours(ranked_labels: list[str]) -> dict[str, str]:
    """label -> colour for mediators in rank order, plus the 'No mediator' grey.

    >>> mediator_colours(["United States", "European Union"])["European Union"]
    '#e0a100'
    """
    colours = {label: MEDIATOR_PALETTE[i % len(MEDIATOR_PALETTE)] for i, label in enumerate(ranked_labels)}
    colours[NO_MEDIATOR] = NO_MEDIATOR_COLOUR
    return colours


def colour_of(colours: dict[str, str], value: object) -> str:
    """The colour of `value`, grey for anything the table does not know."""
    return colours.get(str(value), UNKNOWN_COLOUR)
