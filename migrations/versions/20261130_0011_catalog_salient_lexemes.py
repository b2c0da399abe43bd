"""A GIN index on each listing's salient lexemes, for ranked search of broad words

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 18:00:00

`catalog_salient_lexemes(search_vector)` keeps the lexemes of a listing's search vector that
occur in its title or SKU/GTIN (weights A, B) or more than once, without positions. For a
one-word query, `ts_rank` scores every listing where the word is salient above every
listing that mentions it once in its description, and all of the latter the same (see
`chalicelib.catalog.search`): a page of a broad word's results is the salient matches,
ranked, then the single mentions by id, and neither needs the whole result ranked.

`catalog_word_share(query)` is the share of listings with the query's one word, from the
planner's statistics (`ANALYZE` keeps the most common lexemes of `search_vector`), or NULL:
search takes that path only for broad words, where it pays. `catalog_single_mention(vector,
query, weights)`: whether a listing mentions the query's word once, in its description.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SALIENT_LEXEMES = """
CREATE FUNCTION catalog_salient_lexemes(vector tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT array_to_tsvector(coalesce(array_agg(u.lexeme), '{}'))
    FROM unnest(vector) AS u
    WHERE cardinality(u.positions) > 1 OR u.weights && '{A,B}'::text[]
$$
"""

# querytree() of a one-lexeme query is that lexeme quoted, inner quotes doubled. PL/pgSQL
# keeps the plan of its query for the session (a SQL function would plan it on every call).
WORD_SHARE = """
CREATE FUNCTION catalog_word_share(query tsquery) RETURNS real
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
BEGIN
    IF numnode(query) <> 1 THEN
        RETURN NULL;
    END IF;
    RETURN (
        SELECT s.most_common_elem_freqs[array_position(
                   s.most_common_elems::text::text[],
                   replace(substr(querytree(query), 2, length(querytree(query)) - 2), '''''', ''''))]
        FROM pg_stats AS s
        WHERE s.schemaname = current_schema() AND s.tablename = 'catalog_listings'
          AND s.attname = 'search_vector'
    );
END
$$
"""


# PL/pgSQL, so that the planner cannot see into it: it then expects many listings to pass and
# walks the primary key in order for a page of them, whatever the word.
SINGLE_MENTION = """
CREATE FUNCTION catalog_single_mention(vector tsvector, query tsquery, weights real[]) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000
AS $$
BEGIN
    RETURN vector @@ query
       AND ts_rank(weights, vector, query) = ts_rank(weights, 'x:1C'::tsvector, 'x'::tsquery);
END
$$
"""


def upgrade() -> None:
    op.execute(SALIENT_LEXEMES)
    op.execute(WORD_SHARE)
    op.execute(SINGLE_MENTION)
    op.execute(
        "CREATE INDEX ix_catalog_listings_salient_lexemes ON catalog_listings "
        "USING gin (catalog_salient_lexemes(search_vector))"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_catalog_listings_salient_lexemes")
    op.execute("DROP FUNCTION catalog_single_mention(tsvector, tsquery, real[])")
    op.execute("DROP FUNCTION catalog_word_share(tsquery)")
    op.execute("DROP FUNCTION catalog_salient_lexemes(tsvector)")
