package memstore

import (
	"container/heap"
	"slices"
	"sort"
	"strings"
)

// nameIndex holds every folded name and alias of every entity in one
// string, so that finding the names that contain a folded word is one
// strings.Index scan (vectorised) instead of a loop over entities. Folded
// names hold only letters, digits and spaces, so the NUL separators never
// match. It is built lazily after each write (see views).
type nameIndex struct {
	blob   string
	starts []int        // offset of each name in blob, increasing
	owners []*entityRec // entity of each name
}

func buildNameIndex(g *graph) *nameIndex {
	ix := &nameIndex{}
	var b strings.Builder
	for _, r := range g.entities {
		for _, n := range r.names {
			ix.starts = append(ix.starts, b.Len())
			ix.owners = append(ix.owners, r)
			b.WriteString(n.folded)
			b.WriteByte(0)
		}
	}
	ix.blob = b.String()
	return ix
}

// containing calls visit once for every entity having a folded name that
// contains sub (sub must be folded and non-empty).
func (ix *nameIndex) containing(sub string, visit func(r *entityRec)) {
	var last *entityRec
	for off := 0; off < len(ix.blob); {
		i := strings.Index(ix.blob[off:], sub)
		if i < 0 {
			return
		}
		pos := off + i
		k := sort.Search(len(ix.starts), func(j int) bool { return ix.starts[j] > pos }) - 1
		if r := ix.owners[k]; r != last {
			visit(r)
			last = r
		}
		// Go on after this name: one hit per name is enough.
		off = len(ix.blob)
		if k+1 < len(ix.starts) {
			off = ix.starts[k+1]
		}
	}
}

// names returns the name index of the current graph (cached until the next
// write). The caller holds the read lock.
func (s *Store) names() *nameIndex {
	v := s.views.Load()
	if ix := v.names.Load(); ix != nil {
		return ix
	}
	ix := buildNameIndex(s.g)
	v.names.CompareAndSwap(nil, ix)
	return ix
}

// longestWord returns the longest word of a folded text.
func longestWord(folded string) string {
	best := ""
	for _, w := range strings.Fields(folded) {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}

// selectPage returns, in order, the first items of list (in any order) that
// come strictly after the cursor key, at most first of them, and how many
// items come after the cursor in all. It keeps a bounded heap: O(n log
// first) instead of sorting the whole list.
func selectPage[T any](list []T, key func(T) sortKey, desc bool, after *sortKey, first int) (page []T, keys []sortKey, remaining int) {
	h := &boundedHeap[T]{desc: desc}
	for _, it := range list {
		k := key(it)
		if after != nil && compareKeys(k, *after, desc) <= 0 {
			continue
		}
		remaining++
		if first == 0 {
			continue
		}
		if len(h.items) < first {
			heap.Push(h, keyed[T]{it, k})
		} else if compareKeys(k, h.items[0].k, desc) < 0 {
			h.items[0] = keyed[T]{it, k}
			heap.Fix(h, 0)
		}
	}
	slices.SortFunc(h.items, func(a, b keyed[T]) int { return compareKeys(a.k, b.k, desc) })
	page = make([]T, len(h.items))
	keys = make([]sortKey, len(h.items))
	for i, it := range h.items {
		page[i], keys[i] = it.v, it.k
	}
	return page, keys, remaining
}

type keyed[T any] struct {
	v T
	k sortKey
}

// boundedHeap is a max-heap in the list order: its root is the last item
// kept so far.
type boundedHeap[T any] struct {
	items []keyed[T]
	desc  bool
}

func (h *boundedHeap[T]) Len() int { return len(h.items) }
func (h *boundedHeap[T]) Less(i, j int) bool {
	return compareKeys(h.items[i].k, h.items[j].k, h.desc) > 0
}
func (h *boundedHeap[T]) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *boundedHeap[T]) Push(x any)    { h.items = append(h.items, x.(keyed[T])) }
func (h *boundedHeap[T]) Pop() any {
	it := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return it
}
