package graph_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/graph"
	"github.com/maillage/maillage/internal/kg"
)

// corpusEnv serves the invented corpus from a real embedded store.
func corpusEnv(t *testing.T) *env {
	t.Helper()
	return newEnv(t, openStore(t, corpus(t)), graph.Options{})
}

type idName struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Typename string `json:"__typename"`
}

func ids(list []idName) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.ID
	}
	return out
}

type pageInfo struct {
	HasNextPage     bool    `json:"hasNextPage"`
	HasPreviousPage bool    `json:"hasPreviousPage"`
	StartCursor     *string `json:"startCursor"`
	EndCursor       *string `json:"endCursor"`
}

type idConnection struct {
	TotalCount int      `json:"totalCount"`
	PageInfo   pageInfo `json:"pageInfo"`
	Edges      []struct {
		Cursor string `json:"cursor"`
		Node   idName `json:"node"`
	} `json:"edges"`
}

func (c idConnection) ids() []string {
	out := make([]string, len(c.Edges))
	for i, e := range c.Edges {
		out[i] = e.Node.ID
	}
	return out
}

func sameIDs(t *testing.T, what string, got []string, want ...kg.ID) {
	t.Helper()
	w := make([]string, len(want))
	for i, id := range want {
		w[i] = string(id)
	}
	if !slices.Equal(got, w) {
		t.Errorf("%s = %v, want %v", what, got, w)
	}
}

func TestNodeIsNullForUnknownIDsAndNodesKeepsOrder(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		Known   *idName   `json:"known"`
		Unknown *idName   `json:"unknown"`
		Garbage *idName   `json:"garbage"`
		Article *idName   `json:"article"`
		Nodes   []*idName `json:"nodes"`
	}
	e.query(`query($art: ID!, $ids: [ID!]!) {
	  known: node(id: "org:le-fil-rouge") { id __typename ... on Organization { name } }
	  unknown: node(id: "org:inconnue") { id }
	  garbage: node(id: "pas un identifiant") { id }
	  article: node(id: $art) { id __typename }
	  nodes(ids: $ids) { id __typename }
	}`, map[string]any{"art": artArras, "ids": []kg.ID{qpvAlma, "person:personne", artForum, "x"}}, &data)
	if data.Known == nil || data.Known.Name != "Le Fil Rouge" || data.Known.Typename != "Organization" {
		t.Errorf("known node = %+v", data.Known)
	}
	if data.Unknown != nil || data.Garbage != nil {
		t.Errorf("unknown nodes should be null: %+v %+v", data.Unknown, data.Garbage)
	}
	if data.Article == nil || data.Article.Typename != "Article" || data.Article.ID != string(artArras) {
		t.Errorf("article node = %+v", data.Article)
	}
	if len(data.Nodes) != 4 || data.Nodes[0] == nil || data.Nodes[0].ID != string(qpvAlma) || data.Nodes[0].Typename != "Territory" ||
		data.Nodes[1] != nil || data.Nodes[2] == nil || data.Nodes[2].ID != string(artForum) || data.Nodes[3] != nil {
		t.Errorf("nodes = %+v", data.Nodes)
	}
}

func TestNodesRefusesMoreIDsThanThePageMaximum(t *testing.T) {
	e := corpusEnv(t)
	many := make([]string, graph.MaxPageSize+1)
	for i := range many {
		many[i] = fmt.Sprintf("org:o%d", i)
	}
	got, _ := e.failing(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, map[string]any{"ids": many})
	expectError(t, got, "invalid", "ids: at most 100", "101")
}

func TestExplicitLookupOfAnUnknownIDIsNotFoundNamingIt(t *testing.T) {
	e := corpusEnv(t)
	for _, c := range []struct{ field, id string }{
		{"organization", "org:inconnue"},
		{"person", "person:personne"},
		{"event", "event:2020-01-01-rien"},
		{"territory", "territory:com-00000"},
		{"theme", "theme:aucun"},
		{"initiative", "initiative:nulle"},
		{"entity", "org:inconnue"},
		{"article", "article:000000000000"},
	} {
		got, res := e.failing(fmt.Sprintf(`{ x: %s(id: %q) { id } }`, c.field, c.id), nil)
		expectError(t, got, "not_found", c.id)
		if string(res.Data) != `{"x":null}` {
			t.Errorf("%s: data = %s, want a null field", c.field, res.Data)
		}
		if len(got.Path) != 1 || got.Path[0] != "x" {
			t.Errorf("%s: path = %v", c.field, got.Path)
		}
	}
	got, _ := e.failing(`{ organization(id: "person:amelie-durand") { id } }`, nil)
	expectError(t, got, "invalid", "person:amelie-durand", "Person")
}

func TestOrganizationFieldsFollowItsRelations(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		Org struct {
			Name           string   `json:"name"`
			Kind           string   `json:"kind"`
			Acronym        *string  `json:"acronym"`
			Aliases        []string `json:"aliases"`
			MentionCount   int      `json:"mentionCount"`
			ArticleCount   int      `json:"articleCount"`
			FirstMentioned string   `json:"firstMentioned"`
			LastMentioned  string   `json:"lastMentioned"`
			Territories    []idName `json:"territories"`
			People         struct {
				Edges []struct {
					Node struct {
						Title        string `json:"title"`
						Person       idName `json:"person"`
						Organization idName `json:"organization"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"people"`
			Events struct {
				Edges []struct {
					Node struct {
						Type  string `json:"type"`
						Event idName `json:"event"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"events"`
			Initiatives struct {
				Edges []struct {
					Node struct {
						Initiative idName `json:"initiative"`
						Leader     idName `json:"leader"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"initiatives"`
			Mentions struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Node struct {
						Count       int    `json:"count"`
						PublishedAt string `json:"publishedAt"`
						Article     idName `json:"article"`
						Entity      idName `json:"entity"`
						Spans       []struct {
							Start int    `json:"start"`
							End   int    `json:"end"`
							Text  string `json:"text"`
						} `json:"spans"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"mentions"`
		} `json:"organization"`
		Jardins struct {
			Themes []idName `json:"themes"`
			Events struct {
				Edges []struct {
					Node struct {
						Type        string `json:"type"`
						Role        string `json:"role"`
						Participant idName `json:"participant"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"events"`
			CoMentioned []struct {
				Entity         idName `json:"entity"`
				SharedArticles int    `json:"sharedArticles"`
			} `json:"coMentioned"`
		} `json:"jardins"`
	}
	e.query(`{
	  organization(id: "org:le-fil-rouge") {
	    name kind acronym aliases mentionCount articleCount firstMentioned lastMentioned
	    territories { id }
	    people { edges { node { title person { id name } organization { id } } } }
	    events { edges { node { type event { id } } } }
	    initiatives { edges { node { initiative { id } leader { id } } } }
	    mentions { totalCount edges { node { count publishedAt article { id } entity { id } spans { start end text } } } }
	  }
	  jardins: organization(id: "org:les-jardins-du-quai") {
	    themes { id }
	    events(types: [PARTICIPATED_IN]) { edges { node { type role participant { id } } } }
	    coMentioned(types: [ORGANIZATION]) { entity { id } sharedArticles }
	  }
	}`, nil, &data)
	o := data.Org
	if o.Name != "Le Fil Rouge" || o.Kind != "cooperative" || o.Acronym != nil || !slices.Equal(o.Aliases, []string{"Fil Rouge"}) {
		t.Errorf("attributes: %+v", o)
	}
	if o.MentionCount != 4 || o.ArticleCount != 2 || o.FirstMentioned != "2024-03-20" || o.LastMentioned != "2024-05-02" {
		t.Errorf("statistics: %d mentions, %d articles, %s → %s", o.MentionCount, o.ArticleCount, o.FirstMentioned, o.LastMentioned)
	}
	sameIDs(t, "territories", ids(o.Territories), lille)
	if len(o.People.Edges) != 1 || o.People.Edges[0].Node.Person.ID != string(karim) || o.People.Edges[0].Node.Title != "directeur" || o.People.Edges[0].Node.Organization.ID != string(filRouge) {
		t.Errorf("people: %+v", o.People)
	}
	if len(o.Events.Edges) != 1 || o.Events.Edges[0].Node.Type != "ORGANIZED" || o.Events.Edges[0].Node.Event.ID != string(forum) {
		t.Errorf("events: %+v", o.Events)
	}
	if len(o.Initiatives.Edges) != 1 || o.Initiatives.Edges[0].Node.Initiative.ID != string(tiersLieu) || o.Initiatives.Edges[0].Node.Leader.ID != string(filRouge) {
		t.Errorf("initiatives: %+v", o.Initiatives)
	}
	// Mentions: newest article first, with the spans pointing into its text.
	m := o.Mentions
	if m.TotalCount != 2 || len(m.Edges) != 2 || m.Edges[0].Node.Article.ID != string(artFilRouge) || m.Edges[1].Node.Article.ID != string(artForum) ||
		m.Edges[0].Node.PublishedAt != "2024-05-02" || m.Edges[0].Node.Count != 3 || m.Edges[0].Node.Entity.ID != string(filRouge) {
		t.Fatalf("mentions: %+v", m)
	}
	text := []rune(corpus(t)[1].Article.Text)
	for _, s := range m.Edges[0].Node.Spans {
		if string(text[s.Start:s.End]) != s.Text {
			t.Errorf("span [%d,%d) is %q in the text, says %q", s.Start, s.End, string(text[s.Start:s.End]), s.Text)
		}
	}

	j := data.Jardins
	sameIDs(t, "jardins themes", ids(j.Themes), themeESS)
	if len(j.Events.Edges) != 1 || j.Events.Edges[0].Node.Type != "PARTICIPATED_IN" || j.Events.Edges[0].Node.Role != "participante" || j.Events.Edges[0].Node.Participant.ID != string(jardins) {
		t.Errorf("jardins events: %+v", j.Events)
	}
	// Co-mention: Le Fil Rouge shares the two articles, the others one.
	if len(j.CoMentioned) == 0 || j.CoMentioned[0].Entity.ID != string(filRouge) || j.CoMentioned[0].SharedArticles != 2 {
		t.Errorf("coMentioned: %+v", j.CoMentioned)
	}
	for i := 1; i < len(j.CoMentioned); i++ {
		if j.CoMentioned[i].SharedArticles > j.CoMentioned[i-1].SharedArticles {
			t.Errorf("coMentioned not by shared articles: %+v", j.CoMentioned)
		}
		if !strings.HasPrefix(j.CoMentioned[i].Entity.ID, "org:") {
			t.Errorf("coMentioned(types: [ORGANIZATION]) returned %s", j.CoMentioned[i].Entity.ID)
		}
	}
}

func TestRelationsCarryDirectionOtherEndAndProvenance(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		Org struct {
			Relations struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Type       string  `json:"type"`
					Direction  string  `json:"direction"`
					Role       *string `json:"role"`
					Confidence float64 `json:"confidence"`
					Other      idName  `json:"other"`
					Node       struct {
						From idName `json:"from"`
						To   idName `json:"to"`
					} `json:"node"`
					Articles   []idName `json:"articles"`
					Provenance []struct {
						Sentence  string  `json:"sentence"`
						Start     int     `json:"start"`
						End       int     `json:"end"`
						Extractor string  `json:"extractor"`
						Article   *idName `json:"article"`
					} `json:"provenance"`
				} `json:"edges"`
			} `json:"relations"`
			Out struct {
				TotalCount int `json:"totalCount"`
			} `json:"out"`
		} `json:"organization"`
	}
	e.query(`{ organization(id: "org:ville-de-roubaix") {
	    relations { totalCount edges { type direction role confidence other { id __typename } node { from { id } to { id } } articles { id }
	      provenance { sentence start end extractor article { id } } } }
	    out: relations(direction: OUT, types: [GOVERNS, LOCATED_IN]) { totalCount }
	} }`, nil, &data)
	rels := data.Org.Relations
	// GOVERNS Roubaix (out), LED_BY from the budget (in), PARTICIPATED_IN the forum (out).
	if rels.TotalCount != 3 || len(rels.Edges) != 3 {
		t.Fatalf("relations: %+v", rels)
	}
	text := []rune(corpus(t)[0].Article.Text)
	for _, r := range rels.Edges {
		switch r.Type {
		case "GOVERNS":
			if r.Direction != "OUT" || r.Other.ID != string(roubaix) || r.Other.Typename != "Territory" || r.Node.From.ID != string(villeRbx) {
				t.Errorf("GOVERNS edge: %+v", r)
			}
		case "LED_BY":
			if r.Direction != "IN" || r.Other.ID != string(budget) || r.Node.To.ID != string(villeRbx) {
				t.Errorf("LED_BY edge: %+v", r)
			}
		case "PARTICIPATED_IN":
			if r.Direction != "OUT" || r.Role == nil || *r.Role != "participante" || r.Other.ID != string(forum) {
				t.Errorf("PARTICIPATED_IN edge: %+v", r)
			}
		default:
			t.Errorf("unexpected relation %s", r.Type)
		}
		if r.Confidence != 0.9 || len(r.Articles) != 1 || r.Articles[0].ID != string(artForum) || len(r.Provenance) != 1 {
			t.Errorf("%s provenance: %+v", r.Type, r)
			continue
		}
		p := r.Provenance[0]
		if p.Article == nil || p.Article.ID != string(artForum) || p.Extractor != "test/rules" || string(text[p.Start:p.End]) != p.Sentence {
			t.Errorf("%s evidence %+v does not point at its sentence", r.Type, p)
		}
	}
	if data.Org.Out.TotalCount != 1 {
		t.Errorf("relations(direction: OUT, types: [GOVERNS, LOCATED_IN]) = %d, want 1", data.Org.Out.TotalCount)
	}
}

func TestPersonEventInitiativeFields(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		Person struct {
			Roles struct {
				Edges []struct {
					Node struct {
						Title        string `json:"title"`
						Organization idName `json:"organization"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"roles"`
		} `json:"person"`
		Event struct {
			Kind         string   `json:"kind"`
			StartDate    string   `json:"startDate"`
			EndDate      *string  `json:"endDate"`
			Places       []idName `json:"places"`
			Territories  []idName `json:"territories"`
			Organizers   idLinks  `json:"organizers"`
			Participants idLinks  `json:"participants"`
			Initiatives  struct {
				Edges []struct {
					Node struct {
						Initiative idName `json:"initiative"`
						Event      idName `json:"event"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"initiatives"`
		} `json:"event"`
		Initiative struct {
			Kind        string   `json:"kind"`
			Territories []idName `json:"territories"`
			Leaders     struct {
				Edges []struct {
					Node struct {
						Leader idName `json:"leader"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"leaders"`
			Events struct {
				TotalCount int `json:"totalCount"`
			} `json:"events"`
		} `json:"initiative"`
	}
	e.query(`query($forum: ID!, $budget: ID!) {
	  person(id: "person:amelie-durand") { roles { edges { node { title organization { id } } } } }
	  event(id: $forum) { kind startDate endDate places { id __typename } territories { id }
	    organizers { edges { node { role participant { id } } } }
	    participants { edges { node { role participant { id } } } }
	    initiatives { edges { node { initiative { id } event { id } } } } }
	  initiative(id: $budget) { kind territories { id } leaders { edges { node { leader { id } } } } events { totalCount } }
	}`, map[string]any{"forum": forum, "budget": budget}, &data)
	if r := data.Person.Roles.Edges; len(r) != 1 || r[0].Node.Title != "présidente" || r[0].Node.Organization.ID != string(jardins) {
		t.Errorf("roles: %+v", data.Person.Roles)
	}
	ev := data.Event
	if ev.Kind != "forum" || ev.StartDate != "2024-03-14" || ev.EndDate != nil {
		t.Errorf("event: %+v", ev)
	}
	sameIDs(t, "places", ids(ev.Places), roubaix)
	sameIDs(t, "event territories", ids(ev.Territories), roubaix)
	sameIDs(t, "organizers", ev.Organizers.participants(), filRouge)
	sameIDs(t, "participants", ev.Participants.participants(), jardins, villeRbx)
	if ev.Participants.Edges[0].Node.Role != "participante" {
		t.Errorf("participant role: %+v", ev.Participants)
	}
	if i := ev.Initiatives.Edges; len(i) != 1 || i[0].Node.Initiative.ID != string(budget) || i[0].Node.Event.ID != string(forum) {
		t.Errorf("event initiatives: %+v", ev.Initiatives)
	}
	in := data.Initiative
	if in.Kind != "participatory_budget" || in.Events.TotalCount != 1 || len(in.Leaders.Edges) != 1 || in.Leaders.Edges[0].Node.Leader.ID != string(villeRbx) {
		t.Errorf("initiative: %+v", in)
	}
	sameIDs(t, "initiative territories", ids(in.Territories), qpvAlma)
}

type idLinks struct {
	Edges []struct {
		Node struct {
			Role        string `json:"role"`
			Participant idName `json:"participant"`
		} `json:"node"`
	} `json:"edges"`
}

func (l idLinks) participants() []string {
	out := make([]string, len(l.Edges))
	for i, e := range l.Edges {
		out[i] = e.Node.Participant.ID
	}
	return out
}

func TestTerritoryHierarchy(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		QPV struct {
			Level     string   `json:"level"`
			Code      string   `json:"code"`
			Parent    *idName  `json:"parent"`
			Parents   []idName `json:"parents"`
			Ancestors []idName `json:"ancestors"`
		} `json:"qpv"`
		Roubaix struct {
			Parent      *idName  `json:"parent"`
			Parents     []idName `json:"parents"`
			Territories []idName `json:"territories"`
		} `json:"roubaix"`
		France struct {
			Level  string  `json:"level"`
			Parent *idName `json:"parent"`
		} `json:"france"`
		Nord struct {
			Children idConnection `json:"children"`
		} `json:"nord"`
	}
	e.query(`{
	  qpv: territory(id: "territory:qpv-QN05971M") { level code parent { id } parents { id } ancestors { id } }
	  roubaix: territory(id: "territory:com-59512") { parent { id } parents { id } territories { id } }
	  france: territory(id: "territory:fr") { level parent { id } }
	  nord: territory(id: "territory:dep-59") { children { totalCount edges { node { id name } } } }
	}`, nil, &data)
	q := data.QPV
	if q.Level != "QPV" || q.Code != "QN05971M" || q.Parent == nil || q.Parent.ID != string(roubaix) {
		t.Errorf("qpv: %+v", q)
	}
	sameIDs(t, "qpv ancestors", ids(q.Ancestors), roubaix, epciMEL, dep59, reg32, fr)
	// A commune's parent is its department, not its EPCI.
	if data.Roubaix.Parent == nil || data.Roubaix.Parent.ID != string(dep59) {
		t.Errorf("roubaix parent: %+v", data.Roubaix.Parent)
	}
	sameIDs(t, "roubaix parents", ids(data.Roubaix.Parents), epciMEL, dep59)
	if len(data.Roubaix.Territories) != 2 {
		t.Errorf("a territory's territories are its parents: %+v", data.Roubaix.Territories)
	}
	if data.France.Level != "COUNTRY" || data.France.Parent != nil {
		t.Errorf("france: %+v", data.France)
	}
	if data.Nord.Children.TotalCount != 3 {
		t.Errorf("nord children: %+v", data.Nord.Children)
	}
	sameIDs(t, "nord children", data.Nord.Children.ids(), lille, roubaix, epciMEL)
}

func TestTerritoryListsRollUpDescendants(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		Region struct {
			Organizations idConnection `json:"organizations"`
			Direct        idConnection `json:"direct"`
			Initiatives   idConnection `json:"initiatives"`
			Events        idConnection `json:"events"`
			Articles      idConnection `json:"articles"`
		} `json:"region"`
		Nord struct {
			Organizations idConnection `json:"organizations"`
			Associations  idConnection `json:"associations"`
		} `json:"nord"`
		Lyon struct {
			Events   idConnection `json:"events"`
			Articles idConnection `json:"articles"`
		} `json:"lyon"`
	}
	e.query(`{
	  region: territory(id: "territory:reg-32") {
	    organizations { totalCount edges { node { id } } }
	    direct: organizations(includeDescendants: false) { totalCount }
	    initiatives { totalCount edges { node { id } } }
	    events { totalCount edges { node { id } } }
	    articles { totalCount edges { node { id } } }
	  }
	  nord: territory(id: "territory:dep-59") {
	    organizations { totalCount edges { node { id } } }
	    associations: organizations(kinds: ["association"]) { totalCount edges { node { id } } }
	  }
	  lyon: territory(id: "territory:com-69123") { events { totalCount edges { node { id } } } articles { totalCount } }
	}`, nil, &data)
	r := data.Region
	sameIDs(t, "region organizations", r.Organizations.ids(), chantiers, dep62Org, filRouge, jardins, villeRbx)
	if r.Organizations.TotalCount != 5 || r.Direct.TotalCount != 0 {
		t.Errorf("region organizations: %d with descendants, %d without", r.Organizations.TotalCount, r.Direct.TotalCount)
	}
	// The participatory budget is placed in a QPV, four levels below.
	sameIDs(t, "region initiatives", r.Initiatives.ids(), budget, tiersLieu)
	sameIDs(t, "region events", r.Events.ids(), forum)
	sameIDs(t, "region articles (newest first)", r.Articles.ids(), artFilRouge, artForum, artArras)
	sameIDs(t, "nord organizations", data.Nord.Organizations.ids(), filRouge, jardins, villeRbx)
	sameIDs(t, "nord associations", data.Nord.Associations.ids(), jardins)
	sameIDs(t, "lyon events", data.Lyon.Events.ids(), journee)
	if data.Lyon.Articles.TotalCount != 1 {
		t.Errorf("lyon articles: %+v", data.Lyon.Articles)
	}
}

func TestThemesBroaderNarrowerAndArticles(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		ESS struct {
			Scheme   string       `json:"scheme"`
			Aliases  []string     `json:"aliases"`
			Narrower []idName     `json:"narrower"`
			Articles idConnection `json:"articles"`
			Recent   idConnection `json:"recent"`
		} `json:"ess"`
		PV struct {
			Narrower []idName `json:"narrower"`
		} `json:"pv"`
		Part struct {
			Broader []idName `json:"broader"`
			Themes  []idName `json:"themes"`
		} `json:"part"`
	}
	e.query(`{
	  ess: theme(id: "theme:economie-sociale-et-solidaire") { scheme aliases narrower { id } articles { totalCount edges { node { id } } }
	    recent: articles(from: "2024-04-01") { totalCount edges { node { id } } } }
	  pv: theme(id: "theme:politique-de-la-ville") { narrower { id } }
	  part: theme(id: "theme:participation-citoyenne") { broader { id } themes { id } }
	}`, nil, &data)
	if data.ESS.Scheme != "maillage" || !slices.Equal(data.ESS.Aliases, []string{"ESS"}) {
		t.Errorf("ess: %+v", data.ESS)
	}
	// One narrower link is an ABOUT relation, the other only a Broader list.
	sameIDs(t, "ess narrower", ids(data.ESS.Narrower), themeIAE)
	sameIDs(t, "politique de la ville narrower", ids(data.PV.Narrower), themePart)
	sameIDs(t, "participation broader", ids(data.Part.Broader), themePV)
	sameIDs(t, "participation themes", ids(data.Part.Themes), themePV)
	sameIDs(t, "ess articles", data.ESS.Articles.ids(), artFilRouge, artForum)
	sameIDs(t, "ess articles from April", data.ESS.Recent.ids(), artFilRouge)
}

func TestArticleFields(t *testing.T) {
	e := corpusEnv(t)
	var data struct {
		Article struct {
			ID          string   `json:"id"`
			URL         string   `json:"url"`
			Title       string   `json:"title"`
			PublishedAt string   `json:"publishedAt"`
			ModifiedAt  *string  `json:"modifiedAt"`
			Source      string   `json:"source"`
			Site        string   `json:"site"`
			Format      string   `json:"format"`
			ThemeLabels []string `json:"themeLabels"`
			Themes      []idName `json:"themes"`
			Text        string   `json:"text"`
			EntityCount int      `json:"entityCount"`
			Entities    struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Count int    `json:"count"`
					Node  idName `json:"node"`
					Spans []struct {
						Start int `json:"start"`
					} `json:"spans"`
				} `json:"edges"`
			} `json:"entities"`
			People struct {
				TotalCount int `json:"totalCount"`
			} `json:"people"`
			Mentions struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Node struct {
						Entity idName `json:"entity"`
						Spans  []struct {
							Start int    `json:"start"`
							End   int    `json:"end"`
							Text  string `json:"text"`
						} `json:"spans"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"mentions"`
			Relations struct {
				TotalCount int `json:"totalCount"`
				Edges      []struct {
					Node struct {
						Type string `json:"type"`
					} `json:"node"`
					Evidence []struct {
						Article idName `json:"article"`
					} `json:"evidence"`
				} `json:"edges"`
			} `json:"relations"`
			Roles struct {
				TotalCount int `json:"totalCount"`
			} `json:"roles"`
		} `json:"article"`
	}
	e.query(`query($id: ID!) { article(id: $id) {
	  id url title publishedAt modifiedAt source site format themeLabels themes { id } text entityCount
	  entities(first: 100) { totalCount edges { count node { id } spans { start } } }
	  people: entities(types: [PERSON]) { totalCount }
	  mentions(first: 100) { totalCount edges { node { entity { id } spans { start end text } } } }
	  relations(first: 100) { totalCount edges { node { type } evidence { article { id } } } }
	  roles: relations(types: [HOLDS_ROLE]) { totalCount }
	} }`, map[string]any{"id": artForum}, &data)
	a := data.Article
	g := corpus(t)[0]
	if a.ID != string(artForum) || a.URL != urlForum || a.Title != g.Article.Title || a.PublishedAt != "2024-03-20" || a.ModifiedAt != nil ||
		a.Source != "api" || a.Site != "exemple.fr" || a.Format != "text" || a.Text != g.Article.Text || !slices.Equal(a.ThemeLabels, g.Article.Themes) {
		t.Errorf("attributes: %+v", a)
	}
	sameIDs(t, "themes", ids(a.Themes), themeESS, themePart)
	if a.EntityCount != len(g.Mentions) || a.Entities.TotalCount != len(g.Mentions) || a.Mentions.TotalCount != len(g.Mentions) {
		t.Errorf("entityCount %d, entities %d, mentions %d; want %d", a.EntityCount, a.Entities.TotalCount, a.Mentions.TotalCount, len(g.Mentions))
	}
	if a.Entities.Edges[0].Node.ID != string(jardins) || a.Entities.Edges[0].Count != 5 {
		t.Errorf("most named entity: %+v", a.Entities.Edges[0])
	}
	for i := 1; i < len(a.Entities.Edges); i++ {
		if a.Entities.Edges[i].Count > a.Entities.Edges[i-1].Count {
			t.Errorf("entities not by count: %+v", a.Entities.Edges)
		}
	}
	if a.People.TotalCount != 1 {
		t.Errorf("entities(types: [PERSON]) = %d", a.People.TotalCount)
	}
	text := []rune(a.Text)
	for i, m := range a.Mentions.Edges {
		if i > 0 && m.Node.Spans[0].Start < a.Mentions.Edges[i-1].Node.Spans[0].Start {
			t.Errorf("mentions not in text order at %d", i)
		}
		for _, s := range m.Node.Spans {
			if string(text[s.Start:s.End]) != s.Text {
				t.Errorf("span %+v of %s does not point into the text", s, m.Node.Entity.ID)
			}
		}
	}
	if a.Relations.TotalCount != len(g.Relations) || a.Roles.TotalCount != 1 {
		t.Errorf("relations %d (want %d), roles %d", a.Relations.TotalCount, len(g.Relations), a.Roles.TotalCount)
	}
	for _, r := range a.Relations.Edges {
		if len(r.Evidence) != 1 || r.Evidence[0].Article.ID != string(artForum) {
			t.Errorf("%s evidence: %+v", r.Node.Type, r.Evidence)
		}
	}
}

func TestStatsCountTheStore(t *testing.T) {
	store := openStore(t, corpus(t))
	e := newEnv(t, store, graph.Options{})
	var data struct {
		Stats struct {
			Articles       int `json:"articles"`
			Entities       int `json:"entities"`
			Relations      int `json:"relations"`
			Mentions       int `json:"mentions"`
			EntitiesByType []struct {
				Type  string `json:"type"`
				Count int    `json:"count"`
			} `json:"entitiesByType"`
		} `json:"stats"`
	}
	e.query(`{ stats { articles entities relations mentions entitiesByType { type count } } }`, nil, &data)
	want, err := store.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range want.Entities {
		total += n
	}
	s := data.Stats
	if s.Articles != 4 || s.Articles != want.Articles || s.Entities != total || s.Relations != want.Relations || s.Mentions != want.Mentions || len(s.EntitiesByType) != 6 {
		t.Errorf("stats %+v, store %+v", s, want)
	}
	for _, c := range s.EntitiesByType {
		typ, err := kg.ParseEntityType(c.Type)
		if err != nil || c.Count != want.Entities[typ] {
			t.Errorf("%s: %d, store %d", c.Type, c.Count, want.Entities[typ])
		}
	}
	if s.EntitiesByType[3].Type != "TERRITORY" || s.EntitiesByType[3].Count != 12 {
		t.Errorf("territories: %+v", s.EntitiesByType[3])
	}
}
