"""Building a self-assessment result's address the way the form's GET submission does."""


def answers_query(statements, scores, **extra):
    """The result page's query string: `scores` maps a pillar slug to every answer in it."""
    parts = [f"s{statement.pk}={scores[statement.pillar.slug]}" for statement in statements]
    parts += [f"{name}={value}" for name, value in extra.items()]
    return "&".join(parts)


EVEN = dict.fromkeys(
    ["trust", "inclusivity", "coordination", "communication", "capacity", "sustainability"], 2
)
