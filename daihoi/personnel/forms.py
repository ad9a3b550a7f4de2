"""Forms of the personnel pages; dates are typed dd/mm/yyyy."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daihoi.campaigns.models import CompositionTarget
from daihoi.core.dates import DayField
from daihoi.db.limits import key_ids, limited_formfield, number_limits, text_limits
from daihoi.elections.models import ElectionKind
from daihoi.orgs import tree
from daihoi.orgs.models import Organisation
from daihoi.orgs.names import NameValidator
from daihoi.personnel.actions.targets import TargetChange
from daihoi.personnel.birthdates import BirthDateValidator
from daihoi.personnel.models import (
    CandidateList,
    Complaint,
    InspectionTeam,
    InspectionVisit,
    IntroductionStep,
    Person,
    PersonnelSettings,
    StepVote,
    Track,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


def _dates(form: forms.BaseForm) -> None:
    """Make a model form's dates the site's one date field (core/dates.py): dd/mm/yyyy."""
    for name, field in list(form.fields.items()):
        if isinstance(field, forms.DateField) and not isinstance(field, DayField):
            form.fields[name] = DayField(
                label=field.label,
                required=field.required,
                help_text=field.help_text,
                initial=field.initial,
                validators=list(field.validators),
                disabled=field.disabled,
            )


class Marked:
    """A form whose bad fields say so: aria-invalid on each, autofocus on the first.

    So the page that comes back after a refused submit puts the cursor on what to fix.
    """

    fields: dict[str, forms.Field]
    errors: Any

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.mark_errors()

    def mark_errors(self) -> None:
        first = True
        for name, field in self.fields.items():
            if name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                if first:
                    field.widget.attrs["autofocus"] = True
                    first = False

    def refuse(self, reasons: Sequence[str]) -> None:
        """Show an action's refusal above the form, keeping what was typed."""
        for reason in reasons:
            self.add_error(None, reason)  # type: ignore[attr-defined]


class PersonForm(Marked, forms.ModelForm):
    class Meta:
        model = Person
        formfield_callback = limited_formfield
        fields = [
            "full_name",
            "gender",
            "birth_date",
            "ethnicity",
            "education",
            "theory_level",
            "position",
            "party_joined",
            "outgoing_committee",
            "planned",
            "science_tech",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self)
        self.fields["full_name"].validators.append(NameValidator(gettext_lazy("Họ và tên")))
        self.fields["birth_date"].validators.append(BirthDateValidator())


class ListForm(Marked, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Cơ quan bầu"), choices=ElectionKind.choices)
    seats = forms.IntegerField(
        label=gettext_lazy("Số lượng được bầu"),
        **number_limits(CandidateList, "seats", min_value=1, max_value=500),
    )


class ProcessForm(Marked, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Cơ quan bầu"), choices=ElectionKind.choices)
    track = forms.ChoiceField(label=gettext_lazy("Đối tượng"), choices=Track.choices)


class StepForm(Marked, forms.Form):
    """A step's figures, and one votes field per person asked (votes-<id>, skip-<id>)."""

    date = DayField(label=gettext_lazy("Ngày"))
    body = forms.CharField(
        label=gettext_lazy("Cơ quan, hội nghị"),
        required=False,
        **text_limits(IntroductionStep, "body"),
    )
    voters = forms.IntegerField(
        label=gettext_lazy("Số người được triệu tập"),
        **number_limits(IntroductionStep, "voters", min_value=1),
    )
    ballots = forms.IntegerField(
        label=gettext_lazy("Số phiếu thu vào"), **number_limits(IntroductionStep, "ballots")
    )

    def __init__(
        self, *args: Any, eligible: Sequence[Person] = (), skippable: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _dates(self)
        self.eligible = list(eligible)
        self.skippable = skippable
        for person in self.eligible:
            self.fields[f"votes-{person.pk}"] = forms.IntegerField(
                label=person.full_name,
                required=False,
                **number_limits(StepVote, "votes", min_value=0),
            )
            if skippable:
                self.fields[f"skip-{person.pk}"] = forms.BooleanField(required=False, initial=True)

    def figures(self) -> list[forms.BoundField]:
        """The step's own fields (date, body, voters, ballots), without the people's rows."""
        return [self[name] for name in ("date", "body", "voters", "ballots")]

    def rows(self) -> list[tuple[Person, forms.BoundField, forms.BoundField | None]]:
        """Each person asked with the bound votes field (and skip box) of the row."""
        return [
            (p, self[f"votes-{p.pk}"], self[f"skip-{p.pk}"] if self.skippable else None)
            for p in self.eligible
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        votes: dict[int, int] = {}
        for person in self.eligible:
            name = f"votes-{person.pk}"
            value = data.get(name)
            if value is None and name not in self.errors:
                if data.get(f"skip-{person.pk}"):
                    continue
                self.add_error(name, _("Hãy ghi số phiếu."))
            elif value is not None:
                votes[person.pk] = value
        data["votes"] = votes
        return data


class ComplaintForm(Marked, forms.ModelForm):
    class Meta:
        model = Complaint
        formfield_callback = limited_formfield
        fields = [
            "person",
            "received",
            "anonymous",
            "sender",
            "classification",
            "content",
            "handler",
            "deadline",
        ]

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self)
        if people is not None:
            self.fields["person"].queryset = people  # type: ignore[attr-defined]


class TeamForm(Marked, forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên đoàn"), **text_limits(InspectionTeam, "name"))
    members = forms.CharField(
        label=gettext_lazy("Thành viên (mỗi dòng một người)"),
        **text_limits(InspectionTeam, "members"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_date = DayField(label=gettext_lazy("Ngày bắt đầu"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self)


class VisitForm(Marked, forms.Form):
    """A working visit of a team to a unit below the organisation that sent it."""

    unit = forms.CharField(label=gettext_lazy("Mã đơn vị được kiểm tra"), max_length=40)
    date = DayField(label=gettext_lazy("Ngày làm việc"))
    findings = forms.CharField(
        label=gettext_lazy("Kết quả kiểm tra"),
        required=False,
        **text_limits(InspectionVisit, "findings"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up = forms.CharField(
        label=gettext_lazy("Yêu cầu khắc phục, theo dõi"),
        required=False,
        **text_limits(InspectionVisit, "follow_up"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, org: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self)
        self.org = org

    def clean_unit(self) -> Organisation:
        code = self.cleaned_data["unit"]
        unit = (
            Organisation.objects.filter(
                tree.subtree_q(self.org.path, include_self=False),
                structure_id=self.org.structure_id,
                code=code,
            ).first()
            if self.org is not None
            else None
        )
        if unit is None:
            raise forms.ValidationError(
                _("Không có đơn vị mã «%(c)s» thuộc %(o)s.")
                % {"c": code, "o": self.org.name if self.org else ""}
            )
        return unit


class MemberForm(Marked, forms.Form):
    """Put the person of the URL on the list, proposed for the standing committee or not."""

    standing = forms.BooleanField(label=gettext_lazy("dự kiến BTV"), required=False)


class StandingForm(forms.Form):
    standing = forms.BooleanField(required=False)


class ElectedForm(forms.Form):
    """Who of an adopted list was elected: the ids of the ticked people."""

    elected = forms.MultipleChoiceField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any posted value; the action keeps only ids of the list's own members.
        self.fields["elected"].valid_value = lambda value: True  # type: ignore[attr-defined]

    def clean_elected(self) -> list[int]:
        return key_ids(self.cleaned_data["elected"])


class SettleForm(Marked, forms.Form):
    outcome = forms.CharField(
        label=gettext_lazy("Kết quả giải quyết"),
        **text_limits(Complaint, "outcome"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OverrideForm(Marked, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Cấp trên cho phép duyệt nhân sự khi đơn chưa giải quyết xong – lý do"),
        **text_limits(Complaint, "override_reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VisitUpdateForm(Marked, forms.Form):
    findings = forms.CharField(
        label=gettext_lazy("Kết quả kiểm tra"),
        required=False,
        **text_limits(InspectionVisit, "findings"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up = forms.CharField(
        label=gettext_lazy("Yêu cầu khắc phục, theo dõi"),
        required=False,
        **text_limits(InspectionVisit, "follow_up"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    done = forms.BooleanField(label=gettext_lazy("đã khắc phục"), required=False)


class ElectionForm(forms.Form):
    """Which announced election of the congress the elected are taken from."""

    election: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, elections: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["election"].queryset = elections  # type: ignore[attr-defined]


class PeopleImportForm(forms.Form):
    """A file of cadres' records; its rows are checked whole before anything is written."""

    # An empty file gets the import's own message, naming it, as at every other import.
    file = forms.FileField(
        allow_empty_file=True,
        error_messages={"required": gettext_lazy("Hãy chọn tệp .csv hoặc .xlsx.")},
    )


TARGET_SETTINGS = [
    "reference_date",
    "first_time_born_from",
    "reelection_born_from",
    "retirement_months_male",
    "retirement_months_female",
    "first_time_min_months",
    "reelection_min_months",
]


class TargetsForm(Marked, forms.ModelForm):  # type: ignore[type-arg]
    """A campaign's age rules, and its composition targets typed row by row in percent.

    The rows are the campaign's targets; each keeps what was typed (`typed`) and the
    bounds that were not a percentage (`invalid`), so the page shows them again.
    """

    class Meta:
        model = PersonnelSettings
        fields = TARGET_SETTINGS
        formfield_callback = limited_formfield

    def __init__(self, *args: Any, rows: list[CompositionTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.changes: list[TargetChange] = []
        _dates(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.changes = [self._typed_row(row) for row in self.rows]
        return data

    def _typed_row(self, row: Any) -> TargetChange:
        hard = bool(self.data.get(f"hard-{row.code}"))
        row.typed = {"hard": hard}
        row.invalid = set()
        values: list[Decimal | None] = []
        for bound in ("minimum", "maximum"):
            row.typed[bound] = self.data.get(f"{bound}-{row.code}", "")
            text = row.typed[bound].strip().replace(",", ".")
            try:
                value = Decimal(text) if text else None
            except InvalidOperation:
                value = None
                row.invalid.add(bound)
                self.add_error(
                    None,
                    _("%(label)s: «%(v)s» không phải là số.") % {"label": row.label, "v": text},
                )
            if value is not None and not 0 <= value <= 100:
                row.invalid.add(bound)
                self.add_error(
                    None, _("%(label)s: %(v)s nằm ngoài 0–100%%.") % {"label": row.label, "v": text}
                )
            values.append(value)
        return TargetChange(row.code, values[0], values[1], hard)

    @property
    def settings_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in TARGET_SETTINGS}
