"""The emulated vendors; each package exposes ``VENDOR`` (an ``app.core.vendor.Vendor``)."""
