/**
 * A production's own policy pack, as a network might hand one out: only the tools on its list may
 * be used without written approval. The sample production's ScriptMate Enterprise is not listed.
 */
export const NETWORK_PACK = {
  id: 'network',
  title: 'Harbour Network tool list',
  version: '2026-11',
  rules: [
    {
      id: 'network-approved-tool',
      title: 'Tool not on the network list',
      defaultSeverity: 'warning',
      clearedByApproval: true,
      guideline: 'Only tools on the Harbour Network list may be used without written approval.',
      remedy: 'Use a listed tool, or ask the network for written approval.',
      source: 'Harbour Network AI tool list, November 2026',
      cases: [
        {
          when: { field: 'tool.name', notIn: ['Imagen Studio', 'VoiceForge', 'FaceShift', 'ChatWriter'] },
          field: 'tool.name',
          message: 'AI use "{id}" uses {tool.name}, which is not on the network list',
        },
      ],
    },
  ],
};

/** The same pack with more tools on its list. */
export function networkPackListing(...tools: string[]): typeof NETWORK_PACK {
  const [rule] = NETWORK_PACK.rules;
  return {
    ...NETWORK_PACK,
    rules: [{ ...rule, cases: [{ ...rule.cases[0], when: { field: 'tool.name', notIn: [...rule.cases[0].when.notIn, ...tools] } }] }],
  };
}
