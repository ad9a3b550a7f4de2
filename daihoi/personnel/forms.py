"""Forms of the personnel pages; dates are typed dd/mm/yyyy."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from daihoi.db.limits import limited_formfield, number_limits, text_limits
from daihoi.elections.models import ElectionKind
from daihoi.orgs.names import NameValidator
from daihoi.personnel.birthdates import BirthDateValidator
from daihoi.personnel.models import (
    CandidateList,
    Complaint,
    InspectionTeam,
    InspectionVisit,
    IntroductionStep,
    Person,
    Track,
)

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


def _dates(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.input_formats = DATE_INPUTS
            field.widget = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")


class PersonForm(forms.ModelForm):
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


class ListForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Cơ quan bầu"), choices=ElectionKind.choices)
    seats = forms.IntegerField(
        label=gettext_lazy("Số lượng được bầu"),
        **number_limits(CandidateList, "seats", min_value=1, max_value=500),
    )


class ProcessForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Cơ quan bầu"), choices=ElectionKind.choices)
    track = forms.ChoiceField(label=gettext_lazy("Đối tượng"), choices=Track.choices)


class StepForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Ngày"), input_formats=DATE_INPUTS)
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self)


class ComplaintForm(forms.ModelForm):
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


class TeamForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên đoàn"), **text_limits(InspectionTeam, "name"))
    members = forms.CharField(
        label=gettext_lazy("Thành viên (mỗi dòng một người)"),
        **text_limits(InspectionTeam, "members"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_date = forms.DateField(label=gettext_lazy("Ngày bắt đầu"), input_formats=DATE_INPUTS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self)


class VisitForm(forms.Form):
    unit = forms.CharField(label=gettext_lazy("Mã đơn vị được kiểm tra"), max_length=40)
    date = forms.DateField(label=gettext_lazy("Ngày làm việc"), input_formats=DATE_INPUTS)
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _dates(self)
