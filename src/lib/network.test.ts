// A client's network as the rate limits count it, for sign-in (IPv4 as it is) and newsletter
// sign-ups (IPv4 by its /24); IPv6 by its /64 either way.
import { describe, expect, it } from "vitest";
import { networkKey } from "./network.js";

describe("a client's network", () => {
  it("is an IPv4 address itself or its /24, also when written as IPv6", () => {
    expect(networkKey("203.0.113.7", 32)).toBe("203.0.113.7");
    expect(networkKey("::ffff:203.0.113.7", 32)).toBe("203.0.113.7");
    expect(networkKey("203.0.113.7", 24)).toBe("203.0.113.0/24");
    expect(networkKey("::FFFF:203.0.113.7", 24)).toBe("203.0.113.0/24");
  });

  it("is an IPv6 address's /64, however the address is written", () => {
    const key = "2001:db8:0:12::/64";
    expect(networkKey("2001:db8::12:0:0:1", 32)).toBe("2001:db8:0:0::/64");
    expect(networkKey("2001:0db8:0000:0012:abcd::1", 24)).toBe(key);
    expect(networkKey("2001:db8:0:12:ffff:ffff:ffff:ffff%eth0", 32)).toBe(key);
  });
});
