"""Voice numbers and the calling wallet (doc 6.12)."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.voice import store
from app.vendors.lio.voice.schemas import (AssignSchema, AvailableQuery, InventoryNumberSchema, NumberSchema,
                                           PurchaseSchema, WalletSchema)

blp = LioBlueprint("lio_voice", __name__, auth=bearer, description="Phone numbers and the calling wallet.")


@blp.route("/voice/available-numbers", methods=["GET"])
@blp.arguments(AvailableQuery, location="query")
@blp.response(200, InventoryNumberSchema(many=True), message="Available numbers fetched")
@blp.doc(operationId="listAvailableNumbers")
def available_numbers(args):
    """Search numbers to buy

    Sandbox: one inventory shared by every organization: a number bought by anyone disappears.
    """
    return store.available_numbers(principal(), args)


@blp.route("/voice/my-numbers", methods=["GET"])
@blp.response(200, NumberSchema(many=True), message="Numbers fetched")
@blp.doc(operationId="listMyNumbers")
def my_numbers():
    """Your organization's numbers, with their assigned users"""
    return store.my_numbers(principal())


@blp.route("/voice/purchase-number", methods=["POST"])
@blp.arguments(PurchaseSchema)
@blp.response(201, NumberSchema, message="Number purchased")
@blp.doc(operationId="purchaseNumber")
def purchase_number(body):
    """Buy a number

    Sandbox: a number not in the inventory answers 404, one already bought (by anyone) 409; the
    number's monthly price is taken from the calling wallet atomically, and a wallet that cannot
    pay answers 403 `forbidden` (the balance never goes negative).
    """
    return store.purchase_number(principal(), body)


@blp.route("/voice/assign-number", methods=["POST"])
@blp.arguments(AssignSchema)
@blp.response(200, NumberSchema, message="Number assigned")
@blp.doc(operationId="assignNumber")
def assign_number(body):
    """Assign a number to users

    Sandbox: `number_id` must be your organization's number and every user one of its users
    (422 otherwise); `user_ids` adds to the current assignees; `user_id` is one id.
    """
    return store.assign_number(principal(), body)


@blp.route("/voice/wallet", methods=["GET"])
@blp.response(200, WalletSchema, message="Wallet fetched")
@blp.doc(operationId="getWallet")
def wallet():
    """Calling wallet balance and the 20 most recent transactions"""
    return store.wallet(principal())
