"""HTTP status names and phrases in the specs, fixed whatever the Python version.

flask-smorest names the spec's shared responses after ``http.HTTPStatus``
(``UNPROCESSABLE_ENTITY``) and describes responses with its phrase; Python
3.13 renamed some (``UNPROCESSABLE_CONTENT``, "Content Too Large"), which
would change the committed specs. :func:`pin` rewrites a spec dict to the
table below (the names and phrases of Python 3.11, as the specs were
first committed), so every supported Python generates the same document.
"""

import http

# code: (component name, phrase), as Python 3.11 spells them
STATUSES = {
    100: ('CONTINUE', 'Continue'),
    101: ('SWITCHING_PROTOCOLS', 'Switching Protocols'),
    102: ('PROCESSING', 'Processing'),
    103: ('EARLY_HINTS', 'Early Hints'),
    200: ('OK', 'OK'),
    201: ('CREATED', 'Created'),
    202: ('ACCEPTED', 'Accepted'),
    203: ('NON_AUTHORITATIVE_INFORMATION', 'Non-Authoritative Information'),
    204: ('NO_CONTENT', 'No Content'),
    205: ('RESET_CONTENT', 'Reset Content'),
    206: ('PARTIAL_CONTENT', 'Partial Content'),
    207: ('MULTI_STATUS', 'Multi-Status'),
    208: ('ALREADY_REPORTED', 'Already Reported'),
    226: ('IM_USED', 'IM Used'),
    300: ('MULTIPLE_CHOICES', 'Multiple Choices'),
    301: ('MOVED_PERMANENTLY', 'Moved Permanently'),
    302: ('FOUND', 'Found'),
    303: ('SEE_OTHER', 'See Other'),
    304: ('NOT_MODIFIED', 'Not Modified'),
    305: ('USE_PROXY', 'Use Proxy'),
    307: ('TEMPORARY_REDIRECT', 'Temporary Redirect'),
    308: ('PERMANENT_REDIRECT', 'Permanent Redirect'),
    400: ('BAD_REQUEST', 'Bad Request'),
    401: ('UNAUTHORIZED', 'Unauthorized'),
    402: ('PAYMENT_REQUIRED', 'Payment Required'),
    403: ('FORBIDDEN', 'Forbidden'),
    404: ('NOT_FOUND', 'Not Found'),
    405: ('METHOD_NOT_ALLOWED', 'Method Not Allowed'),
    406: ('NOT_ACCEPTABLE', 'Not Acceptable'),
    407: ('PROXY_AUTHENTICATION_REQUIRED', 'Proxy Authentication Required'),
    408: ('REQUEST_TIMEOUT', 'Request Timeout'),
    409: ('CONFLICT', 'Conflict'),
    410: ('GONE', 'Gone'),
    411: ('LENGTH_REQUIRED', 'Length Required'),
    412: ('PRECONDITION_FAILED', 'Precondition Failed'),
    413: ('REQUEST_ENTITY_TOO_LARGE', 'Request Entity Too Large'),
    414: ('REQUEST_URI_TOO_LONG', 'Request-URI Too Long'),
    415: ('UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type'),
    416: ('REQUESTED_RANGE_NOT_SATISFIABLE', 'Requested Range Not Satisfiable'),
    417: ('EXPECTATION_FAILED', 'Expectation Failed'),
    418: ('IM_A_TEAPOT', "I'm a Teapot"),
    421: ('MISDIRECTED_REQUEST', 'Misdirected Request'),
    422: ('UNPROCESSABLE_ENTITY', 'Unprocessable Entity'),
    423: ('LOCKED', 'Locked'),
    424: ('FAILED_DEPENDENCY', 'Failed Dependency'),
    425: ('TOO_EARLY', 'Too Early'),
    426: ('UPGRADE_REQUIRED', 'Upgrade Required'),
    428: ('PRECONDITION_REQUIRED', 'Precondition Required'),
    429: ('TOO_MANY_REQUESTS', 'Too Many Requests'),
    431: ('REQUEST_HEADER_FIELDS_TOO_LARGE', 'Request Header Fields Too Large'),
    451: ('UNAVAILABLE_FOR_LEGAL_REASONS', 'Unavailable For Legal Reasons'),
    500: ('INTERNAL_SERVER_ERROR', 'Internal Server Error'),
    501: ('NOT_IMPLEMENTED', 'Not Implemented'),
    502: ('BAD_GATEWAY', 'Bad Gateway'),
    503: ('SERVICE_UNAVAILABLE', 'Service Unavailable'),
    504: ('GATEWAY_TIMEOUT', 'Gateway Timeout'),
    505: ('HTTP_VERSION_NOT_SUPPORTED', 'HTTP Version Not Supported'),
    506: ('VARIANT_ALSO_NEGOTIATES', 'Variant Also Negotiates'),
    507: ('INSUFFICIENT_STORAGE', 'Insufficient Storage'),
    508: ('LOOP_DETECTED', 'Loop Detected'),
    510: ('NOT_EXTENDED', 'Not Extended'),
    511: ('NETWORK_AUTHENTICATION_REQUIRED', 'Network Authentication Required'),
}


def pin(spec, statuses=None):
    """``spec`` with every status-derived response name, ``$ref`` and description from :data:`STATUSES`.

    ``statuses`` is the enum the spec was generated with (``http.HTTPStatus``; tests pass another).
    """
    statuses = http.HTTPStatus if statuses is None else statuses
    table = STATUSES
    by_name = {name: int(member) for name, member in statuses.__members__.items()}   # aliases included
    phrases = {int(status): status.phrase for status in statuses}

    def name_of(name):
        return table.get(by_name.get(name), (name,))[0]

    def fix_description(code, response):
        if isinstance(response, dict) and code in table and response.get("description") == phrases.get(code):
            response = {**response, "description": table[code][1]}
        return response

    def walk(value):
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key == "$ref" and isinstance(item, str) and item.startswith("#/components/responses/"):
                    item = "#/components/responses/" + name_of(item.rsplit("/", 1)[1])
                elif key == "responses" and isinstance(item, dict):
                    item = {code: fix_description(int(code) if str(code).isdigit() else None, walk(response))
                            for code, response in item.items()}
                    out[key] = item
                    continue
                out[key] = walk(item)
            return out
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    spec = walk(spec)
    responses = spec.get("components", {}).get("responses")
    if responses:
        spec["components"]["responses"] = {
            name_of(name): fix_description(by_name.get(name), response) for name, response in responses.items()
        }
    return spec
