/**
 * Rewrites an hwloc 2.0 XML export as hwloc 3.0 writes it, for tests: the corpus holds 2.0 files, and hwloc 3.0
 * changed the OS-device type from a number to a bit mask. The mapping is hwloc's own v2→v3 import
 * (open-mpi/hwloc master @3b37b024, hwloc/topology-xml.c, `if (data->version_major < 3 && obj->type ==
 * HWLOC_OBJ_OS_DEVICE)`), with the bits of include/hwloc.h `enum hwloc_obj_osdev_type_e`: STORAGE 1, MEMORY 2,
 * GPU 4, COPROC 8, NETWORK 16, OPENFABRICS 32, DMA 64. hwloc's own 3.0 copies of 16intel64-manyVFs.xml and
 * 24em64t-2n6c2t-pci.xml (same commit, tests/hwloc/xml/) carry exactly these values (eth* 16, mlx4_0 and usnic_* 48,
 * sda 1). Test-only.
 */

const STORAGE = 1;
const MEMORY = 2;
const GPU = 4;
const COPROC = 8;
const NETWORK = 16;
const OPENFABRICS = 32;
const DMA = 64;

const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The 3.0 bit mask for a 2.x `osdev_type` of an OSDev element (`tag` is its start tag, `body` what follows up to the next object). */
function v3Type(v2: number, tag: string, body: string): number {
  const name = attr(tag, 'name') ?? '';
  const subtype = attr(tag, 'subtype');
  const info = (n: string) => new RegExp(`<info name="${n}" value="([^"]*)"`).exec(body)?.[1];
  switch (v2) {
    case 0: // Block
      if (name.startsWith('dax')) return MEMORY | (subtype === 'NVM' ? STORAGE : 0);
      if (subtype === 'CXLMem') return MEMORY | (info('CXLPMEMSize') !== undefined ? STORAGE : 0);
      return STORAGE;
    case 1: // GPU
      return GPU | (/^(rsmi|nvml)/.test(name) ? COPROC : 0);
    case 2: // Net
      return NETWORK;
    case 3: // OFED: network and OpenFabrics, except BXI (network only)
      return subtype === 'BXI' ? NETWORK : NETWORK | OPENFABRICS;
    case 4:
      return DMA;
    case 5: // CoProc; CUDA and LevelZero are GPUs too, OpenCL when its device type says so
      return COPROC | (subtype === 'CUDA' || subtype === 'LevelZero' || (subtype === 'OpenCL' && info('OpenCLDeviceType') === 'GPU') ? GPU : 0);
    default:
      return 0;
  }
}

/** `xml` (format 2.0) as format 3.0: the version attribute and every OSDev's `osdev_type`. */
export function hwlocV2ToV3(xml: string): string {
  if (!/<topology version="2\.0">/.test(xml)) throw new Error('hwlocV2ToV3: not an hwloc 2.0 export');
  const out = xml.replace('<topology version="2.0">', '<topology version="3.0">');
  return out.replace(/<object type="OSDev"[^>]*>/g, (tag, offset: number) => {
    const v2 = attr(tag, 'osdev_type');
    if (v2 === undefined) return tag;
    const rest = out.slice(offset + tag.length);
    const body = rest.slice(0, Math.max(0, rest.search(/<object|<\/object>/)));
    return tag.replace(/osdev_type="\d+"/, `osdev_type="${v3Type(Number(v2), tag, body)}"`);
  });
}
