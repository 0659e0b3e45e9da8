"""Authentication, users and roles (doc 2.1, 6.1): one function per documented path."""

from app.core.auth import principal
from app.vendors.lio.api import LioBlueprint
from app.vendors.lio.auth import bearer
from app.vendors.lio.constants import MESSAGES as M
from app.vendors.lio.users import store
from app.vendors.lio.users.schemas import (ChangedSchema, ChangePasswordSchema, DeletedSchema, LoginResultSchema,
                                           LoginSchema, LogoutSchema, RoleAddSchema, RoleListQuery, RoleSchema,
                                           UserAddSchema, UserDeleteSchema, UserListQuery, UserSchema,
                                           UserUpdateSchema)

blp = LioBlueprint("lio_users", __name__, auth=bearer, description="Log out, users and roles of your organization.")
public_blp = LioBlueprint("lio_auth", __name__, description="Log in and get a bearer token (no credential).")


@public_blp.route("/auth/login", methods=["POST"])
@public_blp.arguments(LoginSchema)
@public_blp.response(200, LoginResultSchema, envelope="flat")
@public_blp.doc(operationId="login")
def auth_login(body):
    """Log in, get a token

    Exchange your email and password for a bearer token, valid for 30 days.

    Sandbox: 400 when `email` and `password` are not both given, 404 for an email with no
    account, 401 for a wrong password, 403 for an inactive account or one without organization.
    The token is an HS256 JWT whose expiry follows the sandbox clock (`/__admin/clock`).
    Well-known accounts: `you@company.com` / `your_password` (Acme, Admin), `rep@company.com` /
    `rep_password` (Acme, Sales Rep), `admin@globex.test` / `globex_password` (Globex).
    """
    return store.login(body)


@blp.route("/auth/logout", methods=["POST"])
@blp.response(200, LogoutSchema, message=M["logout"])
@blp.doc(operationId="logout")
def auth_logout():
    """Log out

    Sandbox: revokes the token of this request only; other tokens of the user stay valid.
    """
    return store.logout(principal())


@blp.route("/user/my", methods=["GET"])
@blp.response(200, UserSchema, message=M["user_fetched"])
@blp.doc(operationId="getMyProfile")
def user_my():
    """Current user profile"""
    return store.me(principal())


@blp.route("/user/list", methods=["GET"])
@blp.arguments(UserListQuery, location="query")
@blp.response(200, UserSchema(many=True), message=M["users_fetched"])
@blp.doc(operationId="listUsers")
def user_list(args):
    """List organization users

    Sandbox: `search_value` matches first name, last name or email; `role_id` and `state_id`
    (1 active, 0 inactive) take comma-separated ids.
    """
    return store.list_users(principal(), args)


@blp.route("/user/add", methods=["POST"])
@blp.arguments(UserAddSchema)
@blp.response(201, UserSchema, message=M["user_created"])
@blp.doc(operationId="createUser")
def user_add(body):
    """Add a user

    Sandbox: an email already used by any LIO account answers 409 `conflict`; `role_id` must be a
    role of your organization (422 otherwise). The new user can log in with the password given.
    """
    return store.add_user(principal(), body)


@blp.route("/user/update/<int:id>", methods=["POST"])
@blp.arguments(UserUpdateSchema)
@blp.response(200, UserSchema, message=M["user_updated"])
@blp.doc(operationId="updateUser")
def user_update(body, id):
    """Update a user

    Sandbox: a user of another organization answers 404; an email taken by another account 409.
    """
    return store.update_user(principal(), id, body)


@blp.route("/user/change-password", methods=["POST"])
@blp.arguments(ChangePasswordSchema)
@blp.response(200, ChangedSchema, message=M["password_changed"])
@blp.doc(operationId="changePassword")
def user_change_password(body):
    """Change password

    Sandbox: a wrong `current_password` or a `confirm_password` that differs from `new_password`
    answers 422 naming the field. Existing tokens stay valid.
    """
    return store.change_password(principal(), body)


@blp.route("/user/delete", methods=["POST"])
@blp.arguments(UserDeleteSchema)
@blp.response(200, DeletedSchema, message=M["user_deleted"])
@blp.doc(operationId="deleteUser")
def user_delete(body):
    """Remove a user

    Sandbox: removing yourself answers 422; the removed user's leads become unassigned and their
    tokens stop working.
    """
    return store.delete_user(principal(), body["user_id"])


@blp.route("/role/list", methods=["GET"])
@blp.arguments(RoleListQuery, location="query")
@blp.response(200, RoleSchema(many=True), message=M["roles_fetched"])
@blp.doc(operationId="listRoles")
def role_list(args):
    """List roles"""
    return store.list_roles(principal(), args)


@blp.route("/role/add", methods=["POST"])
@blp.arguments(RoleAddSchema)
@blp.response(201, RoleSchema, message=M["role_created"])
@blp.doc(operationId="createRole")
def role_add(body):
    """Create a role

    Sandbox: a role name already used in your organization (case-insensitively) answers 409.
    """
    return store.add_role(principal(), body)
