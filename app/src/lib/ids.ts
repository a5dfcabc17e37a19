// Record and change ids: UUIDv7 (time-ordered), made on the device, as the server expects.
import { v7 } from "uuid";

export function newId(): string {
  return v7();
}
