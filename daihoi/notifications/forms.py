from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daihoi.notifications.models import Delivery


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Nhận thông báo qua thư điện tử"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
    )
