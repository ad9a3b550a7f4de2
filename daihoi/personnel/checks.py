"""The composition check of a list or an elected committee, worded for the page.

The arithmetic is daihoi.lib.composition; this module gathers the campaign's
targets and age rules, and writes each result in the user's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.campaigns.models import Campaign, CompositionTarget, Congress
from daihoi.core.numbers import local_percent
from daihoi.elections.models import ElectionKind
from daihoi.lib import composition as comp
from daihoi.lib.surplus import Stage, SurplusRules, body_of_kind, explain, rules_for_term
from daihoi.personnel.models import CandidateList, ElectedMember, PersonnelSettings

LABELS = {
    comp.CheckCode.SURPLUS: gettext_lazy("Số dư so với số lượng được bầu"),
    comp.CheckCode.WOMEN: gettext_lazy("Nữ"),
    comp.CheckCode.WOMAN_STANDING: gettext_lazy("Có nữ trong ban thường vụ"),
    comp.CheckCode.UNDER_40: gettext_lazy("Dưới 40 tuổi"),
    comp.CheckCode.AGE_40_50: gettext_lazy("Từ 40 đến 50 tuổi"),
    comp.CheckCode.OVER_50: gettext_lazy("Trên 50 tuổi"),
    comp.CheckCode.RENEWAL: gettext_lazy("Đổi mới (tham gia lần đầu)"),
    comp.CheckCode.ETHNIC: gettext_lazy("Người dân tộc thiểu số"),
    comp.CheckCode.SCIENCE_TECH: gettext_lazy("Cán bộ khoa học, công nghệ"),
    comp.CheckCode.AGE_CUTOFF: gettext_lazy("Tuổi tham gia lần đầu, tái cử (theo tháng sinh)"),
    comp.CheckCode.WORKING_TIME: gettext_lazy("Thời gian công tác còn lại (Chỉ thị 45)"),
    comp.CheckCode.UNKNOWN_BIRTH: gettext_lazy("Chưa có ngày sinh"),
}


def _bound(value: Fraction | None) -> str:
    if value is None:
        return ""
    return local_percent(value / 100, 0 if value.denominator == 1 else 2)


@dataclass(frozen=True)
class Line:
    """One row of the check as shown: label, figure, target, status, why."""

    code: str
    label: str
    figure: str
    target: str
    met: bool | None
    hard: bool
    detail: str

    @property
    def status(self) -> str:
        if self.met is None:
            return _("Để theo dõi")
        return _("Đạt") if self.met else _("Chưa đạt")


@dataclass(frozen=True)
class Result:
    lines: list[Line]
    blockers: list[str]
    reference_date: dt.date
    count: int


def rules_for(campaign: Campaign) -> SurplusRules:
    return rules_for_term(campaign.term_start)


def reference_date(congress: Congress) -> dt.date:
    """The day ages are counted on: the campaign's setting, else the congress day, else today."""
    settings = PersonnelSettings.objects.filter(campaign_id=congress.campaign_id).first()
    for day in (
        settings.reference_date if settings else None,
        congress.campaign.reference_date,
        congress.planned_date,
        congress.held_date,
    ):
        if day is not None:
            return day
    return dt.date.today()  # noqa: DTZ011 - a calendar day, no time involved


def age_rules(campaign: Campaign) -> comp.AgeRules | None:
    s = PersonnelSettings.objects.filter(campaign=campaign).first()
    if s is None:
        return None

    def month(day: dt.date | None) -> tuple[int, int] | None:
        return (day.year, day.month) if day else None

    return comp.AgeRules(
        first_time_born_from=month(s.first_time_born_from),
        reelection_born_from=month(s.reelection_born_from),
        retirement_months_male=s.retirement_months_male,
        retirement_months_female=s.retirement_months_female,
        first_time_min_months=s.first_time_min_months,
        reelection_min_months=s.reelection_min_months,
    )


def targets(campaign: Campaign) -> tuple[list[comp.Target], dict[str, CompositionTarget]]:
    rows = {t.code: t for t in CompositionTarget.objects.filter(campaign=campaign)}

    def frac(value: Decimal | None) -> Fraction | None:
        return Fraction(value) if value is not None else None

    return [
        comp.Target(t.code, frac(t.minimum), frac(t.maximum), t.hard) for t in rows.values()
    ], rows


def _surplus_detail(check: comp.Check, candidates: int, seats: int, rules: SurplusRules) -> str:
    return " ".join(
        explain(code, candidates, seats, rules, translate=_, percent=local_percent)
        for code in check.surplus_problems
    )


def _line(check: comp.Check, label: str, rules: SurplusRules, seats: int) -> Line:
    if check.code == comp.CheckCode.SURPLUS:
        candidates = seats + check.count
        return Line(
            check.code.value,
            label,
            _("%(c)s người / %(s)s được bầu: dư %(p)s")
            % {"c": candidates, "s": seats, "p": local_percent(Fraction(check.count, seats))},
            _("≤ %(max)s") % {"max": _bound(check.maximum)},
            check.met,
            True,
            _surplus_detail(check, candidates, seats, rules),
        )
    if check.code in (comp.CheckCode.AGE_CUTOFF, comp.CheckCode.WORKING_TIME):
        return Line(
            check.code.value,
            label,
            _("%(n)s/%(t)s người không đạt") % {"n": check.count, "t": check.total},
            _("mọi người phải đạt"),
            check.met,
            True,
            ", ".join(check.names),
        )
    if check.code == comp.CheckCode.UNKNOWN_BIRTH:
        return Line(
            check.code.value, label, str(check.count), "", None, False, ", ".join(check.names)
        )
    if check.code == comp.CheckCode.WOMAN_STANDING:
        return Line(
            check.code.value,
            label,
            _("%(n)s nữ / %(t)s người") % {"n": check.count, "t": check.total},
            _("ít nhất 1"),
            check.met,
            check.hard,
            "",
        )
    bounds = []
    if check.minimum is not None:
        bounds.append(_("≥ %(v)s") % {"v": _bound(check.minimum)})
    if check.maximum is not None:
        bounds.append(_("≤ %(v)s") % {"v": _bound(check.maximum)})
    return Line(
        check.code.value,
        label,
        _("%(n)s/%(t)s = %(p)s")
        % {"n": check.count, "t": check.total, "p": local_percent(check.share)},
        ", ".join(bounds),
        check.met,
        check.hard,
        "",
    )


def evaluate(
    congress: Congress,
    people: Sequence[comp.Person],
    *,
    kind: str,
    seats: int | None,
    stage: Stage = Stage.PREPARATION,
) -> Result:
    """Check people (a list, or an elected body when seats is None) against the campaign."""
    campaign = congress.campaign
    day = reference_date(congress)
    target_list, rows = targets(campaign)
    rules = rules_for(campaign)
    # The surplus is a property of a list; the elected result has none.
    share_targets = [t for t in target_list if t.code != "surplus"]
    standing_list = kind == ElectionKind.STANDING
    checks: list[comp.Check] = []
    if seats:
        checks.append(comp.check_list_surplus(len(people), seats, rules, body_of_kind(kind), stage))
    checks += comp.check_composition(
        people, share_targets, day, age_rules=age_rules(campaign), standing_list=standing_list
    )
    lines = []
    for check in checks:
        row = rows.get(check.code.value)
        label = row.label if row is not None else str(LABELS[check.code])
        lines.append(_line(check, label, rules, seats or 0))
    blockers = [
        f"{line.label}: {line.detail or line.figure}"
        for line in lines
        if line.hard and line.met is False
    ]
    return Result(lines, blockers, day, len(people))


def list_people(candidate_list: CandidateList) -> list[comp.Person]:
    return [
        comp.Person(
            m.person.full_name,
            m.person.female,
            m.person.birth_date,
            m.first_time,
            ethnic_minority=m.person.ethnic_minority,
            science_tech=m.person.science_tech,
            standing=m.standing,
        )
        for m in candidate_list.members.select_related("person")
    ]


def check_list(candidate_list: CandidateList) -> Result:
    return evaluate(
        candidate_list.congress,
        list_people(candidate_list),
        kind=candidate_list.kind,
        seats=candidate_list.seats,
    )


def check_elected(congress: Congress, kind: str = ElectionKind.COMMITTEE) -> Result:
    members = ElectedMember.objects.filter(congress=congress, kind=kind)
    people = [
        comp.Person(
            m.full_name,
            m.female,
            m.birth_date,
            m.first_time,
            ethnic_minority=m.ethnic_minority,
            science_tech=m.science_tech,
            standing=m.standing,
        )
        for m in members
    ]
    return evaluate(congress, people, kind=kind, seats=None)
