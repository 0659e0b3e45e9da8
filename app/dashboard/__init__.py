"""The HTML page at ``/``: vendors, base URLs, credentials, counts, reset."""

from flask import Blueprint, current_app, render_template, request

bp = Blueprint("leadmock_dashboard", __name__, template_folder="templates")


@bp.get("/")
def index():
    base = request.host_url.rstrip("/")
    vendors = []
    for name, vendor in current_app.extensions["leadmock.vendors"].items():
        mount = current_app.extensions["leadmock.mounts"][name]
        vendors.append({
            "name": name,
            "title": vendor.title,
            "base": base + mount,
            "docs": base + (mount or "") + "/docs",
            "spec": base + (mount or "") + "/openapi.json",
            "real": vendor.real_base_url,
            "tenants": vendor.tenants(),
            "counts": vendor.counts() if vendor.counts else {},
        })
    return render_template("index.html", vendors=vendors, base=base)
