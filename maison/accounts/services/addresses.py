"""The address book (ACC-5)."""

from dataclasses import dataclass

from django.db import transaction

from ..models import Address


@dataclass(frozen=True)
class AddressDetails:
    first_name: str
    last_name: str
    line1: str
    postal_code: str
    city: str
    country: str
    line2: str = ""
    area: str = ""
    phone: str = ""


def _only_default(keep: Address) -> None:
    Address.objects.filter(user_id=keep.user_id, is_default=True).exclude(pk=keep.pk).update(
        is_default=False
    )


@transaction.atomic
def add_address(user, details: AddressDetails, *, make_default: bool = False) -> Address:
    first = not Address.objects.filter(user=user).exists()
    address = Address.objects.create(
        user=user, is_default=make_default or first, **details.__dict__
    )
    if address.is_default:
        _only_default(address)
    return address


@transaction.atomic
def change_address(address: Address, details: AddressDetails, *, make_default: bool) -> Address:
    for name, value in details.__dict__.items():
        setattr(address, name, value)
    address.is_default = make_default or address.is_default
    address.save()
    if address.is_default:
        _only_default(address)
    return address


@transaction.atomic
def delete_address(address: Address) -> None:
    user_id, was_default = address.user_id, address.is_default
    address.delete()
    if was_default:
        successor = Address.objects.filter(user_id=user_id).order_by("id").first()
        if successor is not None:
            successor.is_default = True
            successor.save(update_fields=["is_default"])


def forget_addresses(user) -> None:
    Address.objects.filter(user=user).delete()
