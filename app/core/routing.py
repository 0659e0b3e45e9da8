"""URL rules whose builders are compiled on first use.

werkzeug compiles two Python functions per rule when it is added (to build URLs for
``url_for``); with hundreds of routes that is a large share of start-up, and most rules never
build a URL. :class:`LazyBuildRule` (``app.url_rule_class``) compiles each on its first call.
Matching is unchanged.
"""

from werkzeug.routing import Rule


class LazyBuildRule(Rule):
    def _compile_builder(self, append_unknown=True):
        attribute = "_build_unknown" if append_unknown else "_build"

        def build(rule, **values):
            compiled = Rule._compile_builder(rule, append_unknown).__get__(rule, None)
            setattr(rule, attribute, compiled)   # later calls go straight to it
            return compiled(**values)

        return build
