package neo4jstore

import (
	"fmt"
	"strings"

	"github.com/maillage/maillage/internal/kg"
)

// Every Cypher statement of the store. Values always travel as parameters;
// the only text ever substituted into a statement is a label or a
// relationship type from the allow-lists (kg.EntityTypes, kg.RelationTypes,
// kg.PlacementTypes), through the maps built in init below.

// Schema.
const (
	// tmplUniqueID is a uniqueness constraint on id: name, label.
	tmplUniqueID = "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE"
	// tmplUniqueStripe is a uniqueness constraint on the number of a write
	// stripe (see cypherWriteStart): name, label.
	tmplUniqueStripe = "CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:%s) REQUIRE n.n IS UNIQUE"
	// cypherUniqueMigration is a uniqueness constraint on the name of a
	// data migration's marker.
	cypherUniqueMigration = "CREATE CONSTRAINT migration_name IF NOT EXISTS FOR (n:Migration) REQUIRE n.name IS UNIQUE"

	// Data migrations, run by migrate after the schema, each recorded by a
	// Migration node once done.
	cypherMigrationDone = "MATCH (m:Migration {name: $name}) RETURN m.name AS name"
	cypherMarkMigration = "MERGE (m:Migration {name: $name}) SET m.at = datetime()"
	// cypherMissingConfs finds relations without each source's highest
	// confidence (written before it was stored beside the evidence).
	cypherMissingConfs = `
MATCH ()-[r]->()
WHERE r.srcs IS NOT NULL AND (r.confs IS NULL OR size(r.confs) <> size(r.srcs) OR any(c IN r.confs WHERE c IS NULL))
RETURN elementId(r) AS id, size(r.srcs) AS n, coalesce(r.evidence, []) AS evidence
LIMIT $limit`
	// cypherSetConfs stores them: rows {id, confs}.
	cypherSetConfs = `
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.id
SET r.confs = row.confs`
	// tmplIndex is a range index: name, label, property.
	tmplIndex = "CREATE INDEX %s IF NOT EXISTS FOR (n:%s) ON (n.%s)"

	fulltextIndex    = "entity_names"
	fulltextAnalyzer = "standard-folding"
	cypherFulltext   = "CREATE FULLTEXT INDEX " + fulltextIndex + " IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchText] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: '" + fulltextAnalyzer + "'}}"

	cypherAwaitIndexes = "CALL db.awaitIndexes($seconds)"
	cypherDatabaseID   = "CALL db.info() YIELD id RETURN id"
	cypherStopWords    = "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer, stopwords " +
		"WHERE analyzer = $analyzer RETURN stopwords"
)

// Writes.
const (
	// cypherWriteStart opens every write transaction: it takes the write
	// locks of $stripes (ascending stripe numbers, see stripesOf) before any
	// other lock, then returns the database id (to notice a recreated
	// database) and which of $ids are stored reference entities (for
	// kg.ValidateGraph).
	cypherWriteStart = `
CALL db.info() YIELD id AS dbid
CALL () {
  UNWIND $stripes AS n
  MERGE (l:WriteStripe {n: n})
  SET l.v = coalesce(l.v, 0) + 1
  RETURN count(l) AS locked
}
CALL () {
  UNWIND $ids AS id
  MATCH (e:Entity {id: id})
  WHERE e.ref IS NOT NULL
  RETURN collect(id) AS refs
}
RETURN dbid, refs`

	// articleOldState is what a write needs to know of an article it
	// replaces or deletes.
	articleOldState = `
RETURN id, a.rev > 1 AS existed,
  coalesce(a.relTypes, []) AS relTypes, coalesce(a.relFrom, []) AS relFrom,
  coalesce(a.relTo, []) AS relTo, coalesce(a.relRoleKeys, []) AS relRoleKeys,
  [(a)-[:CONTRIBUTES]->(e:Entity) | e.id] AS contributed,
  [(a)-[:MENTIONS|HAS_THEME]->(e:Entity) | e.id] AS linked`

	// cypherLockArticles creates or locks the articles of a batch.
	cypherLockArticles = `
UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a.rev = coalesce(a.rev, 0) + 1` + articleOldState

	// cypherLockArticle locks an article to delete (no row: unknown).
	cypherLockArticle = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
SET a.rev = coalesce(a.rev, 0) + 1` + articleOldState

	// cypherLockEntities locks existing entities (no creation).
	cypherLockEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e.rev = coalesce(e.rev, 0) + 1`

	// tmplMergeEntities creates or locks entities: rows {id, type}; %s is
	// one FOREACH per entity type setting its label.
	tmplMergeEntities = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.type = row.type, e.sortName = '', e.mentionCount = 0, e.articleCount = 0,
  e.firstMentioned = '', e.lastMentioned = ''
SET e.rev = coalesce(e.rev, 0) + 1
%s
RETURN row.id AS id, e.rev > 1 AS existed`

	// tmplSetLabel is one FOREACH of tmplMergeEntities: type, label.
	tmplSetLabel = "FOREACH (_ IN CASE WHEN row.type = '%s' THEN [1] ELSE [] END | SET e:%s)"

	// cypherDeleteArticleLinks removes what articles contributed through
	// their own relationships.
	cypherDeleteArticleLinks = `
UNWIND $ids AS id
MATCH (a:Article {id: id})-[r:MENTIONS|HAS_THEME|CONTRIBUTES]->()
DELETE r`

	// cypherRemoveStatements removes the statements of sources $rows.aids
	// from relations that get no new statement; a relation left without
	// any goes. One row per relation.
	cypherRemoveStatements = `
UNWIND $rows AS row
MATCH (f:Entity {id: row.from})-[r]->(t:Entity {id: row.to})
WHERE type(r) = row.type AND r.roleKey = row.rk
WITH r, row, r.srcs AS srcs, r.dates AS dates, r.roles AS roles, r.evidence AS evidence, r.confs AS confs
WITH r, row, srcs, dates, roles, evidence, confs, [i IN range(0, size(srcs) - 1) WHERE NOT srcs[i] IN row.aids] AS keep
SET r.srcs = [i IN keep | srcs[i]], r.dates = [i IN keep | dates[i]],
  r.roles = [i IN keep | roles[i]], r.evidence = [i IN keep | evidence[i]],
  r.confs = [i IN keep | confs[i]]
WITH r
WHERE size(r.srcs) = 0
DELETE r`

	// tmplUpsertStatements replaces statements of relations of one type
	// (%[1]s, rows in $rels.%[1]s): the sources row.aids go, the row's new
	// statements are added. One row per relation. cypherUpsertStatements
	// chains one such subquery per relation type. The rows come in one map
	// parameter, whose type does not change with the types present, so
	// that Neo4j plans the statement once.
	tmplUpsertStatements = `
CALL () {
  UNWIND coalesce($rels.%[1]s, []) AS row
  MATCH (f:Entity {id: row.from}), (t:Entity {id: row.to})
  MERGE (f)-[r:%[1]s {roleKey: row.rk}]->(t)
  WITH r, row, coalesce(r.srcs, []) AS srcs, r.dates AS dates, r.roles AS roles, r.evidence AS evidence, r.confs AS confs
  WITH r, row, srcs, dates, roles, evidence, confs, [i IN range(0, size(srcs) - 1) WHERE NOT srcs[i] IN row.aids] AS keep
  SET r.srcs = [i IN keep | srcs[i]] + row.srcs, r.dates = [i IN keep | dates[i]] + row.dates,
    r.roles = [i IN keep | roles[i]] + row.roles, r.evidence = [i IN keep | evidence[i]] + row.evidence,
    r.confs = [i IN keep | confs[i]] + row.confs
}`

	// cypherWriteArticles writes the articles' properties and their links.
	cypherWriteArticles = `
CALL () {
  UNWIND $articles AS row
  MATCH (a:Article {id: row.id})
  SET a += row.props
}
CALL () {
  UNWIND $mentions AS row
  MATCH (a:Article {id: row.aid}), (e:Entity {id: row.eid})
  CREATE (a)-[:MENTIONS {count: row.count, starts: row.starts, ends: row.ends, texts: row.texts}]->(e)
}
CALL () {
  UNWIND $themes AS row
  MATCH (a:Article {id: row.aid}), (e:Theme {id: row.eid})
  CREATE (a)-[:HAS_THEME]->(e)
}
CALL () {
  UNWIND $contribs AS row
  MATCH (a:Article {id: row.aid}), (e:Entity {id: row.eid})
  CREATE (a)-[:CONTRIBUTES {entity: row.entity}]->(e)
}`

	// cypherDeleteArticles removes article nodes.
	cypherDeleteArticles = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a`

	// cypherSetReference sets the reference source of entities.
	cypherSetReference = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e.ref = row.ref`

	// cypherReferenceStatements reads the reference statement of relations.
	cypherReferenceStatements = `
UNWIND $rows AS row
MATCH (f:Entity {id: row.from})-[r]->(t:Entity {id: row.to})
WHERE type(r) = row.type AND r.roleKey = row.rk
WITH row, r, [i IN range(0, size(r.srcs) - 1) WHERE r.srcs[i] = ''] AS idx
WHERE size(idx) > 0
RETURN row.key AS key, r.roles[idx[0]] AS role, r.evidence[idx[0]] AS evidence`

	// cypherEntitySources reads what an entity's merged attributes come
	// from: its reference source and each article's contribution.
	cypherEntitySources = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, e.type AS type, e.ref AS ref,
  [(a:Article)-[c:CONTRIBUTES]->(e) | [a.publishedAt, a.id, c.entity]] AS contribs`

	// cypherRecompute writes merged attributes (row.props, possibly empty),
	// recomputes the statistics from the mentions, and removes entities
	// left without any support.
	cypherRecompute = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e += row.props
WITH e
CALL (e) {
  OPTIONAL MATCH (a:Article)-[m:MENTIONS]->(e)
  RETURN coalesce(sum(m.count), 0) AS mc, count(a) AS ac,
    coalesce(min(CASE WHEN a.publishedAt <> '' THEN a.publishedAt END), '') AS first,
    coalesce(max(CASE WHEN a.publishedAt <> '' THEN a.publishedAt END), '') AS last
}
SET e.mentionCount = mc, e.articleCount = ac, e.firstMentioned = first, e.lastMentioned = last
WITH e, ac
WHERE e.ref IS NULL AND ac = 0 AND NOT EXISTS { (:Article)-[:CONTRIBUTES]->(e) } AND NOT EXISTS { (e)--(:Entity) }
DETACH DELETE e
RETURN count(*) AS removed`
)

// Reads.
const (
	// entityProjection is an entity as the reads return it (variable e).
	entityProjection = `e {.id, .type, .name, .aliases, .kind, .acronym, .code, .startDate, .endDate, .scheme,
  .broader, .reference, .mentionCount, .articleCount, .firstMentioned, .lastMentioned,
  parents: CASE WHEN e:Territory THEN [(e)-[:PART_OF]->(p:Territory) WHERE p <> e | p.id] ELSE [] END}`

	// articleProjection is an article as the reads return it (variable a).
	articleProjection = `a {.id, .url, .title, .publishedAt, .modifiedAt, .source, .site, .themes, .links,
  .format, .text, .contentHash, themeIDs: [(a)-[:HAS_THEME]->(t:Theme) | t.id],
  entityCount: COUNT { (a)-[:MENTIONS]->(:Entity) }}`

	cypherEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN ` + entityProjection + ` AS entity`

	cypherArticles = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN ` + articleProjection + ` AS article`

	cypherArticleHashes = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN id, coalesce(a.contentHash, '') AS hash`

	// relationProjection is a stated relation (variable r).
	relationProjection = `{type: type(r), from: startNode(r).id, to: endNode(r).id,
  srcs: r.srcs, dates: r.dates, roles: r.roles, evidence: r.evidence}`

	// bareRelationProjection is relationProjection with each source's
	// highest confidence instead of its evidence (kg.RelationQuery.Bare);
	// the evidence still comes for a relation whose confidences are
	// missing (written before they were stored, until the migration of
	// cypherMissingConfs has run).
	bareRelationProjection = `{type: type(r), from: startNode(r).id, to: endNode(r).id,
  srcs: r.srcs, dates: r.dates, roles: r.roles, confs: r.confs,
  evidence: CASE WHEN r.confs IS NULL OR size(r.confs) <> size(r.srcs) OR any(c IN r.confs WHERE c IS NULL) THEN r.evidence END}`

	// relationKey is kg.Relation.Key of r, computed in the database. Neo4j
	// compares strings by code point with < and >, and sorts them (ORDER
	// BY) by UTF-16 code unit: both agree with Go's byte order on the Basic
	// Multilingual Plane, and differ only where the first difference of two
	// keys puts a character above U+FFFF against one of U+E000–U+FFFF (a
	// case kg.Fold leaves almost no room for).
	relationKey = "type(r) + '|' + startNode(r).id + '|' + endNode(r).id + '|' + coalesce(r.roleKey, '')"

	// relationFilter keeps the relations (r, other end o) of $types and
	// $otherTypes (empty: all).
	relationFilter = "WHERE (size($types) = 0 OR type(r) IN $types) AND (size($otherTypes) = 0 OR o.type IN $otherTypes)"

	// tmplRelationsOf: the pattern from e to o, for the direction, then the
	// projection (relationProjection or bareRelationProjection).
	// Each entity's page is taken in its own subquery: its relations after
	// $after, in key order, at most $limit of them; only the page is
	// projected with its provenance. DISTINCT: an undirected pattern meets
	// a self-loop twice.
	tmplRelationsOf = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH %s
  ` + relationFilter + `
  WITH DISTINCT r
  WITH r, ` + relationKey + ` AS key
  WHERE key > $after
  ORDER BY key
  LIMIT $limit
  RETURN collect(%s) AS relations
}
RETURN id, relations`

	// tmplCountRelations counts each entity's relations passing the
	// filters, reading no property but the other end's type. Only
	// self-loops (which an undirected pattern may meet twice) are
	// counted distinct: a DISTINCT over every relation costs three times
	// the count on a hub.
	tmplCountRelations = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH %s
  ` + relationFilter + `
  RETURN count(CASE WHEN o <> e THEN 1 END) + count(DISTINCT CASE WHEN o = e THEN r END) AS n
}
RETURN id, n`

	// The patterns name every stated relation type (%s), so that a dense
	// node's MENTIONS and CONTRIBUTES are not even expanded.
	tmplPatternOut  = "(e)-[r:%s]->(o:Entity)"
	tmplPatternIn   = "(e)<-[r:%s]-(o:Entity)"
	tmplPatternBoth = "(e)-[r:%s]-(o:Entity)"

	cypherMentionsOf = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN id, [(a:Article)-[m:MENTIONS]->(e) |
  {article: a.id, entity: id, date: a.publishedAt, starts: m.starts, ends: m.ends, texts: m.texts}] AS mentions`

	cypherMentionsIn = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN id, [(a)-[m:MENTIONS]->(e:Entity) |
  {article: id, entity: e.id, date: a.publishedAt, starts: m.starts, ends: m.ends, texts: m.texts}] AS mentions`

	cypherCoMentioned = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  OPTIONAL MATCH (e)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(o:Entity)
  WHERE o <> e AND (size($types) = 0 OR o.type IN $types)
  WITH o, count(a) AS n
  WHERE o IS NOT NULL
  ORDER BY n DESC, o.id ASC
  LIMIT $limit
  RETURN collect({id: o.id, n: n}) AS co
}
RETURN id, co`

	cypherPing = "CALL db.info() YIELD id RETURN id"
)

// Search. The rank of a folded name n against the folded text is the rank
// of kg.MatchRank: 0 exact, 1 prefix, 2 partial, 3 no match.
const (
	searchFromIndex = "CALL db.index.fulltext.queryNodes('" + fulltextIndex + "', $lucene) YIELD node AS e\n"
	searchFromScan  = "MATCH (e:Entity)\n"
	searchTypes     = "WITH e WHERE e.type IN $types\n"
	searchRank      = `
WITH e, [n IN coalesce(e.foldedNames, []) |
  CASE WHEN n = $text THEN 0
       WHEN n STARTS WITH $text THEN 1
       WHEN n CONTAINS $text THEN 2
       WHEN all(q IN $words WHERE any(w IN split(n, ' ') WHERE w STARTS WITH q)) THEN 2
       ELSE 3 END] AS ranks
WITH e, ranks, reduce(b = 0, i IN range(0, size(ranks) - 1) | CASE WHEN ranks[i] < ranks[b] THEN i ELSE b END) AS best
WHERE size(ranks) > 0 AND ranks[best] < 3
WITH e, ranks[best] AS rank, e.names[best] AS matched
ORDER BY rank ASC, e.mentionCount DESC, e.sortName ASC, e.id ASC
WITH collect({e: e, rank: rank, matched: matched, mc: e.mentionCount, name: e.sortName, id: e.id}) AS hits
WITH size(hits) AS total, [h IN hits WHERE NOT $hasAfter OR h.rank > $aRank OR (h.rank = $aRank AND (h.mc < $aMentions
  OR (h.mc = $aMentions AND (h.name > $aName OR (h.name = $aName AND h.id > $aID)))))] AS rest
CALL (rest) {
  UNWIND rest[0..$limit] AS h
  WITH h, h.e AS e
  RETURN collect({rank: h.rank, matched: h.matched, entity: ` + entityProjection + `}) AS items
}
RETURN total, size(rest) AS remaining, items`
)

// Lists: fragments assembled by list.go. %[1]s is an entity label.
const (
	listEntitiesByLabel       = "MATCH (e:%[1]s)"
	listEntitiesByArticle     = "MATCH (:Article {id: $mentionedIn})-[:MENTIONS]->(e:%[1]s)"
	listEntitiesByParent      = "MATCH (e:%[1]s)-[:PART_OF]->(:Entity {id: $partOf}) WHERE e.id <> $partOf WITH DISTINCT e"
	listTerritoryItself       = "MATCH (e:Territory {id: $territory})"
	listTerritoryAndBelow     = "MATCH (:Territory {id: $territory})<-[:PART_OF*0..]-(e:Territory) WITH DISTINCT e"
	listPlacedInTerritory     = "MATCH (:Territory {id: $territory})<-[:%[2]s]-(e:%[1]s) WITH DISTINCT e"
	listPlacedInTerritoryDesc = "MATCH (:Territory {id: $territory})<-[:PART_OF*0..]-(:Territory)<-[:%[2]s]-(e:%[1]s) WITH DISTINCT e"

	filterEntityArticle        = "EXISTS { (:Article {id: $mentionedIn})-[:MENTIONS]->(e) }"
	filterEntityParent         = "(e.id <> $partOf AND EXISTS { (e)-[:PART_OF]->(:Entity {id: $partOf}) })"
	filterTerritoryItself      = "e.id = $territory"
	filterTerritoryAndBelow    = "EXISTS { (e)-[:PART_OF*0..]->(:Territory {id: $territory}) }"
	filterPlacedInTerritory    = "EXISTS { (e)-[:%[2]s]->(:Territory {id: $territory}) }"
	filterPlacedInTerritoryDsc = "EXISTS { (e)-[:%[2]s]->(:Territory)-[:PART_OF*0..]->(:Territory {id: $territory}) }"
	filterEntityText           = "any(n IN e.foldedNames WHERE n CONTAINS $text)"
	filterEntityKinds          = "e.kind IN $kinds"
	filterEntityThemes         = "(EXISTS { (e)-[:ABOUT]->(th:Theme) WHERE th.id IN $themes } OR " +
		"EXISTS { (e)<-[:MENTIONS]-(:Article)-[:HAS_THEME]->(th:Theme) WHERE th.id IN $themes })"
	filterEntityDates = "((e:Event AND e.startDate <> '' AND ($from = '' OR e.startDate >= $from) AND ($to = '' OR e.startDate <= $to)) OR " +
		"EXISTS { (a:Article)-[:MENTIONS]->(e) WHERE a.publishedAt <> '' AND ($from = '' OR a.publishedAt >= $from) AND ($to = '' OR a.publishedAt <= $to) })"

	listArticlesAll           = "MATCH (a:Article)"
	listArticlesByEntity      = "MATCH (a:Article)-[:MENTIONS]->(:Entity {id: $mentions})"
	listArticlesInTerritory   = "MATCH (:Territory {id: $territory})<-[:MENTIONS]-(a:Article)"
	listArticlesInTerritoryDs = "MATCH (:Territory {id: $territory})<-[:PART_OF*0..]-(:Territory)<-[:MENTIONS]-(a:Article) WITH DISTINCT a"
	listArticlesByTheme       = "MATCH (a:Article)-[:HAS_THEME]->(th:Theme) WHERE th.id IN $themes WITH DISTINCT a"

	filterArticleEntity      = "EXISTS { (a)-[:MENTIONS]->(:Entity {id: $mentions}) }"
	filterArticleTerritory   = "EXISTS { (a)-[:MENTIONS]->(:Territory {id: $territory}) }"
	filterArticleTerritoryDs = "EXISTS { (a)-[:MENTIONS]->(:Territory)-[:PART_OF*0..]->(:Territory {id: $territory}) }"
	filterArticleThemes      = "EXISTS { (a)-[:HAS_THEME]->(th:Theme) WHERE th.id IN $themes }"
	filterArticleText        = "a.foldedTitle CONTAINS $text"
	filterArticleSite        = "a.siteKey = $site"
	filterArticleDates       = "(a.publishedAt <> '' AND ($from = '' OR a.publishedAt >= $from) AND ($to = '' OR a.publishedAt <= $to))"

	// hintIndex makes the page part walk the index of its sort key:
	// variable, label, property.
	hintIndex = "USING INDEX %s:%s(%s)"

	// tmplListCount counts a list: %[1]s the driving MATCH, %[2]s the
	// filter (a WHERE clause or ""), %[3]s the variable.
	tmplListCount = `
CALL () {
  %[1]s
  %[2]s
  RETURN count(%[3]s) AS total
}`
	// tmplListItems is one page of a list: %[1]s the page's MATCH and WHERE
	// (with the keyset predicate), %[2]s the variable, %[3]s the ORDER BY
	// keys, %[4]s the projection.
	tmplListItems = `
CALL () {
  %[1]s
  WITH %[2]s ORDER BY %[3]s LIMIT $limit
  RETURN collect(%[4]s) AS items
}`
	listReturn = "\nRETURN total, items"
)

// tmplStats counts what the store holds: %s are count subqueries.
const (
	tmplStatsCount = "CALL () { MATCH (n:%s) RETURN count(n) AS %s }"
	tmplStatsRels  = "CALL () { MATCH ()-[r:%s]->() RETURN count(r) AS %s }"
)

// Built from the allow-lists at init.
var (
	// labels maps each entity type to its label (the same string, from the
	// allow-list only).
	labels = map[kg.EntityType]string{}
	// cypherMergeEntities is tmplMergeEntities with a label FOREACH per type.
	cypherMergeEntities string
	// cypherUpsertStatements upserts relation statements of every type,
	// one parameter per type (tmplUpsertStatements).
	cypherUpsertStatements string
	// placementTypes is kg.PlacementTypes as a relationship type union.
	placementTypes string
	// cypherStats counts articles, entities per type, mentions, relations.
	cypherStats string
	// schemaStatements are the migrations, in order.
	schemaStatements []string
	// cypherRelationsOf has tmplRelationsOf per direction and bareness,
	// cypherCountRelations tmplCountRelations per direction.
	cypherRelationsOf    = map[relationsOfKey]string{}
	cypherCountRelations = map[kg.Direction]string{}
)

// relationsOfKey selects a cypherRelationsOf statement.
type relationsOfKey struct {
	dir  kg.Direction
	bare bool
}

func init() {
	var setters []string
	for _, t := range kg.EntityTypes {
		labels[t] = string(t)
		setters = append(setters, fmt.Sprintf(tmplSetLabel, t, t))
	}
	cypherMergeEntities = fmt.Sprintf(tmplMergeEntities, strings.Join(setters, "\n"))
	var upserts []string
	for _, rt := range kg.RelationTypes {
		upserts = append(upserts, fmt.Sprintf(tmplUpsertStatements, rt))
	}
	cypherUpsertStatements = strings.Join(upserts, "")
	var pt []string
	for _, rt := range kg.PlacementTypes {
		pt = append(pt, string(rt))
	}
	placementTypes = strings.Join(pt, "|")
	var stated []string
	for _, rt := range kg.RelationTypes {
		stated = append(stated, string(rt))
	}
	for dir, tmpl := range map[kg.Direction]string{kg.Out: tmplPatternOut, kg.In: tmplPatternIn, kg.Both: tmplPatternBoth} {
		pattern := fmt.Sprintf(tmpl, strings.Join(stated, "|"))
		cypherRelationsOf[relationsOfKey{dir, false}] = fmt.Sprintf(tmplRelationsOf, pattern, relationProjection)
		cypherRelationsOf[relationsOfKey{dir, true}] = fmt.Sprintf(tmplRelationsOf, pattern, bareRelationProjection)
		cypherCountRelations[dir] = fmt.Sprintf(tmplCountRelations, pattern)
	}

	var stats, ret []string
	stats = append(stats, fmt.Sprintf(tmplStatsCount, "Article", "articles"))
	ret = append(ret, "articles")
	for i, t := range kg.EntityTypes {
		v := fmt.Sprintf("e%d", i)
		stats = append(stats, fmt.Sprintf(tmplStatsCount, t, v))
		ret = append(ret, v)
	}
	stats = append(stats, fmt.Sprintf(tmplStatsRels, "MENTIONS", "mentions"))
	ret = append(ret, "mentions")
	var rels []string
	for i, rt := range kg.RelationTypes {
		v := fmt.Sprintf("r%d", i)
		stats = append(stats, fmt.Sprintf(tmplStatsRels, rt, v))
		rels = append(rels, v)
	}
	cypherStats = strings.Join(stats, "\n") + "\nRETURN " + strings.Join(ret, ", ") + ", " + strings.Join(rels, " + ") + " AS relations"

	schemaStatements = append(schemaStatements,
		fmt.Sprintf(tmplUniqueStripe, "write_stripe_n", "WriteStripe"),
		cypherUniqueMigration,
		fmt.Sprintf(tmplUniqueID, "entity_id", "Entity"),
		fmt.Sprintf(tmplUniqueID, "article_id", "Article"))
	for _, t := range kg.EntityTypes {
		p := strings.ToLower(string(t))
		schemaStatements = append(schemaStatements,
			fmt.Sprintf(tmplUniqueID, p+"_id", t),
			fmt.Sprintf(tmplIndex, p+"_sort_name", t, "sortName"),
			fmt.Sprintf(tmplIndex, p+"_mention_count", t, "mentionCount"),
			fmt.Sprintf(tmplIndex, p+"_first_mentioned", t, "firstMentioned"),
			fmt.Sprintf(tmplIndex, p+"_last_mentioned", t, "lastMentioned"),
			fmt.Sprintf(tmplIndex, p+"_kind", t, "kind"))
	}
	schemaStatements = append(schemaStatements,
		fmt.Sprintf(tmplIndex, "territory_code", "Territory", "code"),
		fmt.Sprintf(tmplIndex, "article_url", "Article", "url"),
		fmt.Sprintf(tmplIndex, "article_published_at", "Article", "publishedAt"),
		fmt.Sprintf(tmplIndex, "article_folded_title", "Article", "foldedTitle"),
		fmt.Sprintf(tmplIndex, "article_site", "Article", "siteKey"),
		cypherFulltext)
}
