/** An OCI platform; `osVersion` matters for Windows images (ltsc2019 = 10.0.17763, ltsc2022 = 10.0.20348). */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

const WINDOWS_RELEASES: Record<string, string> = {
  ltsc2019: '10.0.17763',
  '1809': '10.0.17763',
  ltsc2022: '10.0.20348',
  ltsc2025: '10.0.26100',
};

/** Parses `os/arch[/variant][:osVersion]`, e.g. `linux/arm/v7` or `windows/amd64:10.0.20348`. */
export function parsePlatform(text: string): Platform | null {
  const [spec, rawOsVersion] = text.trim().split(':', 2);
  const parts = spec.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return null;
  const [os, architecture, variant] = parts.map((p) => p.toLowerCase());
  const osVersion = rawOsVersion ? WINDOWS_RELEASES[rawOsVersion.toLowerCase()] ?? rawOsVersion : undefined;
  return { os, architecture, ...(variant ? { variant } : {}), ...(osVersion ? { osVersion } : {}) };
}

export function formatPlatform(p: Platform): string {
  const base = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
  return p.osVersion ? `${base}:${p.osVersion}` : base;
}

/**
 * Whether an image's platform meets a required one. Variants match exactly (`arm/v6` is not `arm/v7`);
 * a required Windows `osVersion` such as `10.0.20348` matches any build of it (`10.0.20348.2227`).
 */
export function platformSatisfies(required: Platform, available: Platform): boolean {
  if (required.os !== available.os || required.architecture !== available.architecture) return false;
  if ((required.variant ?? '') !== (available.variant ?? '')) {
    // arm64 images often carry `v8` although nobody asks for it.
    const implicitV8 = required.architecture === 'arm64' && !required.variant && available.variant === 'v8';
    if (!implicitV8) return false;
  }
  if (required.osVersion) {
    const have = available.osVersion ?? '';
    return have === required.osVersion || have.startsWith(`${required.osVersion}.`);
  }
  return true;
}
