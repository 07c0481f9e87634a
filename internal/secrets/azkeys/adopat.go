package azkeys

import (
	"encoding/base32"
	"encoding/binary"
	"hash/crc32"
)

// Azure DevOps legacy personal access tokens: 52 lower-case
// base32 characters that decode to 32 bytes. Four of those bytes, spread
// through the token, hold CRC32-IEEE of the other 28 xor-ed with a magic
// number that says whether a user or an application owns the token. (The
// current Azure DevOps format is an 84-character CASK key, AZDO.)
const ADOPATLen = 52

// ADO legacy PAT magic numbers.
const (
	ADOUserPATMagic        uint32 = 0xE0B9692D
	ADOApplicationPATMagic uint32 = 0x1019F92E
)

// adoChecksumBytes are the token bytes holding the checksum, least
// significant first.
var adoChecksumBytes = [4]int{22, 8, 7, 2}

// ADOPAT reports whether s is a legacy Azure DevOps PAT whose checksum
// holds for a user or an application token.
func ADOPAT(s string) bool {
	b, ok := decodeADOPAT(s)
	if !ok {
		return false
	}
	sum := adoCRC(b)
	stored := binary.LittleEndian.Uint32([]byte{b[22], b[8], b[7], b[2]})
	return stored == sum^ADOUserPATMagic || stored == sum^ADOApplicationPATMagic
}

// CompleteADOPAT writes the checksum for magic into 32 token bytes and
// returns the encoded PAT. It is how tests and the corpus build tokens.
func CompleteADOPAT(b [32]byte, magic uint32) string {
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], adoCRC(b)^magic)
	for i, at := range adoChecksumBytes {
		b[at] = sum[i]
	}
	return adoEncoding.EncodeToString(b[:])
}

// adoCRC is CRC32-IEEE of the 28 bytes that are not the checksum.
func adoCRC(b [32]byte) uint32 {
	token := make([]byte, 0, 28)
	token = append(token, b[0:2]...)
	token = append(token, b[3:7]...)
	token = append(token, b[9:22]...)
	token = append(token, b[23:32]...)
	return crc32.ChecksumIEEE(token)
}

// adoEncoding is RFC 4648 base32 in lower case, unpadded. Like .NET's
// decoder, it ignores the unused trailing bits of the 52nd character.
var adoEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

func decodeADOPAT(s string) ([32]byte, bool) {
	var b [32]byte
	if len(s) != ADOPATLen {
		return b, false
	}
	n, err := adoEncoding.Decode(b[:], []byte(s))
	return b, err == nil && n == len(b)
}
