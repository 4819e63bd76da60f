package memstore

// SetBeforeCommit installs a function called inside every write transaction,
// after its puts and before its commit (tests use it to die mid-write).
func SetBeforeCommit(s *Store, f func()) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	s.beforeCommit = f
}
