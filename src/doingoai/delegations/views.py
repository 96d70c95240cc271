"""Pages of delegations."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from doingoai.delegations.models import Delegation


class DelegationListView(LoginRequiredMixin, ListView):
    model = Delegation
    paginate_by = 50
    template_name = "delegations/delegation_list.html"
