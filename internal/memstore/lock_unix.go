//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package memstore

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// lockFile takes an exclusive flock on path (created if needed), retrying
// until timeout. ok is false when another process holds it.
func lockFile(path string, timeout time.Duration) (f *os.File, ok bool, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, err
	}
	deadline := time.Now().Add(timeout)
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return f, true, nil
		}
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EINTR) {
			f.Close()
			return nil, false, err
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, false, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// unlockFile releases a lock taken by lockFile.
func unlockFile(f *os.File) error {
	if f == nil {
		return nil
	}
	_ = unix.Flock(int(f.Fd()), unix.LOCK_UN)
	return f.Close()
}

// releaseFlock drops any flock held on f's open file description (bbolt's
// lock on the data file survives a close while bbolt's mapping of the file
// lives on).
func releaseFlock(f *os.File) { _ = unix.Flock(int(f.Fd()), unix.LOCK_UN) }
