//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package memstore

import (
	"os"
	"time"
)

// lockFile creates the lock file; on these platforms the exclusive lock is
// the one bbolt itself takes on the database file (Options.Timeout).
func lockFile(path string, _ time.Duration) (*os.File, bool, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	return f, err == nil, err
}

func unlockFile(f *os.File) error {
	if f == nil {
		return nil
	}
	return f.Close()
}

func releaseFlock(*os.File) {}
