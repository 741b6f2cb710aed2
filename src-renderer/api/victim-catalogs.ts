import { useEffect, useState } from 'react';
import type { VictimCatalog } from '../../forms/victim-catalogs';
import type { ChannelOutput } from '../../src-main/api/contract';
import { call } from './client';

type Catalogs = ChannelOutput<'documents.victimCatalogs'>;

let loaded: Catalogs | undefined;
let pending: Promise<Catalogs | undefined> | undefined;

/**
 * The victim catalogs main read from its catalog folder (documents.victimCatalogs), fetched once
 * per window: the rights step shows them to her, the administrator's view lists their status.
 * Undefined while loading or when they could not be fetched (the caller says so).
 */
export function useVictimCatalogs(): Catalogs | undefined {
  const [value, setValue] = useState(loaded);
  useEffect(() => {
    if (loaded) return;
    let live = true;
    pending ??= call('documents.victimCatalogs', {}).then((result) => {
      pending = undefined;
      if (result.ok) loaded = result.value;
      return loaded;
    });
    void pending.then((catalogs) => {
      if (live && catalogs) setValue(catalogs);
    });
    return () => {
      live = false;
    };
  }, []);
  return value;
}

export function findCatalog(
  catalogs: Catalogs | undefined,
  language: string | null | undefined,
): VictimCatalog | undefined {
  return language ? catalogs?.catalogs.find((c) => c.meta.language === language) : undefined;
}
