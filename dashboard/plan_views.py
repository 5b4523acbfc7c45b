"""What the returnee page's plan and survey sections show: goals, services delivered, survey
scores and their trend as an inline SVG (drawn here, no script), in the caseworker's language."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext, lazy_pgettext  # type: ignore[import-untyped]
from markupsafe import escape

from dashboard import views
from dashboard.refusals import patterns_of
from dashboard.views import N_, day
from flows.plans import GOAL_STATUSES, PlanBook
from flows.vocabulary import Dimension, ServiceKind
from storage.reintegration import PlanGoal, ServiceDelivered, Survey

LINES = ("economic", "social", "psychosocial", "overall")
PLAN_LABELS = {
    "dimension": {
        "economic": lazy_pgettext("dimension", "economic"),
        "social": lazy_pgettext("dimension", "social"),
        "psychosocial": lazy_pgettext("dimension", "psychosocial"),
        "overall": lazy_pgettext("dimension", "overall"),
    },
    "goal status": {
        "open": lazy_pgettext("goal status", "open"),
        "achieved": lazy_pgettext("goal status", "achieved"),
        "dropped": lazy_pgettext("goal status", "dropped"),
    },
    "service": {
        "counselling_session": lazy_pgettext("service", "counselling session attended"),
        "training_enrolled": lazy_pgettext("service", "training enrolled"),
        "training_completed": lazy_pgettext("service", "training completed"),
        "job_placed": lazy_pgettext("service", "job placed"),
        "rehab_started": lazy_pgettext("service", "rehabilitation started"),
        "rehab_completed": lazy_pgettext("service", "rehabilitation completed"),
        "documents_obtained": lazy_pgettext("service", "documents obtained"),
        "grant_approved": lazy_pgettext("service", "grant approved"),
        "grant_disbursed": lazy_pgettext("service", "grant disbursed"),
    },
    "business": {
        "food_and_drink_sales": lazy_pgettext("business", "food and drink sales"),
        "phone_cards": lazy_pgettext("business", "phone cards"),
        "internet_cafe": lazy_pgettext("business", "internet cafe"),
        "hen_rearing": lazy_pgettext("business", "hen rearing"),
        "transport": lazy_pgettext("business", "transport"),
        "agricultural_processing": lazy_pgettext("business", "agricultural processing"),
        "other": lazy_pgettext("business", "other"),
    },
    "survey status": {
        "open": lazy_pgettext("survey status", "being answered"),
        "complete": lazy_pgettext("survey status", "complete"),
        "partial": lazy_pgettext("survey status", "partial"),
        "cancelled": lazy_pgettext("survey status", "cancelled"),
    },
    "occasion": {
        "quarterly": lazy_pgettext("occasion", "quarterly"),
        "on_demand": lazy_pgettext("occasion", "asked by a caseworker"),
    },
}
# The refusals of flows/plans.py and bot/schedule/surveys.py, as the pages say them.
MESSAGES = (
    N_("%(field)s: is required"),
    N_("%(field)s: is required (YYYY-MM-DD)"),
    N_("%(field)s: must be text"),
    N_("%(field)s: must not contain control characters"),
    N_("%(field)s: at most %(limit)s characters"),
    N_("%(field)s: must be one of %(values)s"),
    N_("%(field)s: must be a date, YYYY-MM-DD"),
    N_("%(field)s: the year must be between 2000 and 2100"),
    N_("%(field)s: cannot be in the future"),
    N_("%(field)s: must be a number"),
    N_("%(field)s: must be a number, like 85000 or 85000.50"),
    N_("%(field)s: must be between 0 and 9999999999.99"),
    N_("%(field)s: at most two decimals"),
    N_("%(field)s: only a grant has a business type and a value"),
    N_("%(field)s: give the value of goods and its currency together"),
    N_("%(field)s: must be the id of a record"),
    N_("%(field)s: no partner %(id)s"),
    N_("%(field)s: no referral %(id)s of this returnee"),
    N_("the returnee opted out or has not given consent"),
    N_("a caseworker has the conversation; hand it back to the bot first"),
    N_("a survey is already being answered"),
    N_("no survey is configured (content/survey.yml)"),
)
_PATTERNS = patterns_of(MESSAGES)


def plan_label(value: str | None, kind: str) -> str:
    """A stored value of the plan or a survey as the page names it."""
    found = PLAN_LABELS.get(kind, {}).get(value or "")
    return str(found) if found is not None else (value or "").replace("_", " ")


def plan_say(message: str) -> str:
    """A refusal of the plan or the survey in the page's language."""
    return views.say(message, _PATTERNS)


@dataclass(frozen=True)
class PlanView:
    """The plan and survey sections of one returnee's page."""

    goals: list[PlanGoal]
    services: list[ServiceDelivered]
    surveys: list[Survey]
    chart: str
    book: PlanBook
    survey_open: bool
    dimensions: tuple[str, ...] = tuple(Dimension)
    kinds: tuple[str, ...] = tuple(ServiceKind)
    statuses: tuple[str, ...] = GOAL_STATUSES


def survey_chart(surveys: list[Survey], width: int = 360, height: int = 120) -> str:
    """An inline SVG of the scores over time: a line per dimension and overall (0 to 1)."""
    scored = [s for s in surveys if s.overall is not None]
    if not scored:
        return ""
    step = (width - 50) / max(1, len(scored) - 1)
    top, span = 10, height - 30

    def y(value: float) -> float:
        return top + (1 - value) * span

    parts = [f'<text x="0" y="{y(v) + 4:.0f}">{v:.1f}</text>' for v in (1.0, 0.5, 0.0)]
    for name in LINES:
        dots = [(40 + i * step, y(getattr(s, name)), getattr(s, name), s)
                for i, s in enumerate(scored) if getattr(s, name) is not None]  # fmt: skip
        line = " ".join(f"{x:.0f},{py:.0f}" for x, py, _, _ in dots)
        parts.append(f'<polyline class="{name}" points="{line}" fill="none"/>')
        parts += [f'<circle class="{name}" cx="{x:.0f}" cy="{py:.0f}" r="3"><title>'
                  f'{escape(plan_label(name, "dimension"))} {escape(_when(s))}: {v:.2f}'
                  f"</title></circle>" for x, py, v, s in dots]  # fmt: skip
    title = escape(gettext("sustainability over time"))
    legend = " · ".join(str(escape(plan_label(name, "dimension"))) for name in LINES)
    return (f'<svg class="chart survey-chart" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="{title}: {legend}">{"".join(parts)}</svg>')  # fmt: skip


def _when(survey: Survey) -> str:
    moment = survey.completed_at or survey.sent_at
    return day(moment) if isinstance(moment, date) else ""
