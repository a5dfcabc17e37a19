// A client's network as rate limits count it: one IPv6 /64 (which one household or attacker
// usually holds whole), and an IPv4 address or its /24, as the caller chooses. IPv4 written as
// IPv6 (::ffff:a.b.c.d) counts as IPv4.
export function networkKey(address: string, ipv4Bits: 24 | 32): string {
  const mapped = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/i.exec(address);
  if (mapped) {
    const [, a, b, c, d] = mapped;
    return ipv4Bits === 32 ? `${a}.${b}.${c}.${d}` : `${a}.${b}.${c}.0/24`;
  }
  if (!address.includes(":")) return address;
  const bare = address.split("%")[0]!.toLowerCase();
  const [head = "", tail] = bare.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array(Math.max(0, missing)).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
