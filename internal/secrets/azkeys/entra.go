package azkeys

// Entra ID (AAD) client secrets, SEC101/156: 3 characters, '7' or '8',
// "Q~", then 31–34 characters of [A-Za-z0-9~._-]. The 40-character "8Q~"
// form ends in a 3-character Marvin checksum; the 37-character "7Q~" form
// carries none.

var entraSeed = Seed("AadPwd00")

const base66Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890.-_~"

func isEntraChar(c byte) bool {
	return isB62(c) || c == '~' || c == '.' || c == '_' || c == '-'
}

// EntraChecksum is the 3-character checksum of the first 37 characters of
// an "8Q~" secret.
func EntraChecksum(body string) string {
	data := make([]byte, len(body)) // ISO-8859-1 bytes; the alphabet is ASCII
	copy(data, body)
	h := Marvin32(data, entraSeed)
	var d [6]byte
	for i := 5; i >= 0; i-- {
		d[i] = base66Alphabet[h%66]
		h /= 66
	}
	return string(d[:3])
}

// EntraSecret classifies s: ok when it has the client-secret shape, and
// checksummed when it is the "8Q~" form with a valid checksum.
func EntraSecret(s string) (ok, checksummed bool) {
	if len(s) != 37 && len(s) != 40 {
		return false, false
	}
	for i := 0; i < len(s); i++ {
		if !isEntraChar(s[i]) {
			return false, false
		}
	}
	if s[4:6] != "Q~" {
		return false, false
	}
	switch {
	case len(s) == 37 && s[3] == '7':
		return true, false
	case len(s) == 40 && s[3] == '8':
		if EntraChecksum(s[:37]) == s[37:] {
			return true, true
		}
	}
	return false, false
}
