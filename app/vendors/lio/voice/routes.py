"""Voice numbers, the calling wallet and calls (doc 6.12)."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.voice import calls, store
from app.vendors.lio.voice.schemas import (AssignSchema, AvailableQuery, CallListQuery, CallSchema, InitiateSchema,
                                           InventoryNumberSchema, NumberSchema, PurchaseSchema, RecordingSchema,
                                           CallTranscriptSchema, VoiceTokenSchema, WalletSchema)

blp = LioBlueprint("lio_voice", __name__, auth=bearer, description="Phone numbers, the calling wallet and AI agent calls.")


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

    Sandbox: a number not in the inventory answers 404, one already bought (by anyone) 409, a `type`
    other than the number's 422; the
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


@blp.route("/call/voice-token", methods=["POST"])
@blp.response(200, VoiceTokenSchema, message="Voice token issued")
@blp.doc(operationId="createVoiceToken")
def voice_token():
    """Token for the browser calling SDK

    Sandbox: an HS256 JWT signed with the LIO secret, `identity` = `user_<id>`, expiring one hour
    later on the sandbox clock (`exp`).
    """
    return calls.voice_token(principal())


@blp.route("/call/agent/initiate", methods=["POST"])
@blp.arguments(InitiateSchema)
@blp.response(201, CallSchema, message="Call initiated")
@blp.doc(operationId="initiateAgentCall")
def agent_initiate(body):
    """Start an AI agent call

    Sandbox: send exactly one of `lead_id` and `contact_id` (of your organization, 422 otherwise;
    both → 422). The call goes out from one of your numbers (the caller's assigned number first;
    none → 422 "buy a number first") to the lead's/contact's phone. It is `queued`, `ringing`
    after 3 s, `in_progress` after 10 s and ends 60–180 s after creation on the sandbox clock
    (duration deterministic from the prompt). At the end it gets its transcript, recording URL and
    price ($0.05 per started minute) charged to the calling wallet; a wallet that cannot pay ends
    the call `failed`.
    """
    return calls.initiate(principal(), body)


@blp.route("/call/list", methods=["GET"])
@blp.arguments(CallListQuery, location="query")
@blp.response(200, CallSchema(many=True), message="Calls fetched")
@blp.doc(operationId="listCalls")
def call_list(args):
    """List calls

    Sandbox: `search_value` matches the numbers and the callee's name; `status` is the status at
    the sandbox instant.
    """
    return calls.list_calls(principal(), args)


@blp.route("/call/<int:id>", methods=["GET"])
@blp.response(200, CallSchema, message="Call fetched")
@blp.doc(operationId="getCall")
def call_get(id):
    """Get a call"""
    return calls.get_call(principal(), id)


@blp.route("/call/<int:id>/recording", methods=["GET"])
@blp.response(200, RecordingSchema, message="Recording fetched")
@blp.doc(operationId="getCallRecording")
def call_recording(id):
    """Call recording link

    Sandbox: 409 `conflict` until the call has completed (and for a failed call).
    """
    return calls.recording(principal(), id)


@blp.route("/call/<int:id>/transcript", methods=["GET"])
@blp.response(200, CallTranscriptSchema, message="Transcript fetched")
@blp.doc(operationId="getCallTranscript")
def call_transcript(id):
    """Call transcript

    Sandbox: 409 `conflict` until the call has completed (and for a failed call).
    """
    return calls.transcript(principal(), id)
