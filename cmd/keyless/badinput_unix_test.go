//go:build unix

package main

import (
	"os"
	"os/exec"
	"runtime"
	"syscall"
)

// unprivilegedCommand runs bin as uid/gid 65534 (nobody).
func unprivilegedCommand(bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	return cmd
}

// maxRSS is the peak resident set size of a finished process in bytes, or
// 0 when unknown.
func maxRSS(ps *os.ProcessState) int64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss) // bytes
	}
	return int64(ru.Maxrss) << 10 // kilobytes
}
