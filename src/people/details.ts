// A client's optional identifying details (name, phone). They are never required; when given they
// are stored only as ciphertext bound to the client's id and the field, so a value copied into
// another row or column does not decrypt.
import { decryptField, encryptField } from "../lib/crypto.js";

export interface ClientDetails {
  name?: string | undefined;
  phone?: string | undefined;
}

export interface SealedClientDetails {
  name_encrypted: Buffer | null;
  phone_encrypted: Buffer | null;
}

const bound = (clientId: string, field: "name" | "phone") => `clients:${clientId}:${field}`;

const present = (value: string | undefined) =>
  value?.trim() ? value.trim().normalize("NFC") : undefined;

export function sealClientDetails(
  key: Buffer,
  clientId: string,
  details: ClientDetails,
): SealedClientDetails {
  const name = present(details.name);
  const phone = present(details.phone);
  return {
    name_encrypted: name === undefined ? null : encryptField(key, name, bound(clientId, "name")),
    phone_encrypted:
      phone === undefined ? null : encryptField(key, phone, bound(clientId, "phone")),
  };
}

export function openClientDetails(
  key: Buffer,
  clientId: string,
  sealed: { name_encrypted: Uint8Array | null; phone_encrypted: Uint8Array | null },
): ClientDetails {
  return {
    name: sealed.name_encrypted
      ? decryptField(key, sealed.name_encrypted, bound(clientId, "name"))
      : undefined,
    phone: sealed.phone_encrypted
      ? decryptField(key, sealed.phone_encrypted, bound(clientId, "phone"))
      : undefined,
  };
}
