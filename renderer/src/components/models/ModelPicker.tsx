// The one model picker (Chat, Compare, chain targets, a profile's default model): a button showing
// the current choice that opens a searchable list, grouped by profile, recent first. cmdk gives the
// list its keyboard (arrows, Enter, type to filter); Radix's Popover places it and returns focus.
import * as Popover from '@radix-ui/react-popover';
import { Command } from 'cmdk';
import { ChevronsUpDown, Route as RouteIcon, Workflow } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { Target } from '../../../../shared/types';
import { useModels } from '../../store/models';
import { ProviderLogo } from '../ProviderLogo';
import { SearchCommand, SearchScope } from './search';
import { TargetGroups } from './TargetGroups';
import './models.css';

interface Props {
  /** Names the button for screen readers and tests ("Chat model", "Target 2"). */
  label: string;
  value: Target | null;
  /** Also marked as chosen in the list (a list's other picks). */
  chosen?: Target[];
  onChange(target: Target): void;
  allowChains?: boolean;
  profileId?: string;
  placeholder?: string;
}

function Current({ value, placeholder }: { value: Target | null; placeholder: string }) {
  const profiles = useModels((s) => s.profiles);
  const chains = useModels((s) => s.chains);
  if (!value) return <span className="model-trigger__placeholder">{placeholder}</span>;
  if (value.kind === 'chain') {
    return (
      <>
        <Workflow size={16} /> <span className="model-trigger__profile">Chain</span>
        <span className="model-trigger__model">{chains.find((c) => c.id === value.chainId)?.name ?? '…'}</span>
      </>
    );
  }
  if (value.kind === 'route') {
    return (
      <>
        <RouteIcon size={16} /> <span className="model-trigger__model">hint:{value.hint}</span>
      </>
    );
  }
  const profile = profiles.find((p) => p.id === value.profileId);
  return (
    <>
      {profile && <ProviderLogo keys={[profile.providerKey, profile.adapter]} local={profile.local} size={16} />}
      <span className="model-trigger__profile">{profile?.name ?? '…'}</span>
      <span className="model-trigger__model">{value.model || 'choose a model'}</span>
    </>
  );
}

/**
 * The popover every model picker shares: a trigger showing the choice, and a searchable cmdk list
 * of `children` (Command groups and items). The profile pickers, a new profile's default model and
 * the chain editor's fallback chips all open this same panel.
 */
export function PickerPopover({
  label,
  trigger,
  open,
  onOpenChange,
  search,
  onSearch,
  searchPlaceholder = 'Search models, profiles, chains…',
  children,
}: {
  label: string;
  trigger: ReactNode;
  open: boolean;
  onOpenChange(open: boolean): void;
  search: string;
  onSearch(search: string): void;
  searchPlaceholder?: string;
  children: ReactNode;
}) {
  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      <Popover.Trigger className="model-trigger" aria-label={label} data-testid={`model-picker-${label}`}>
        {trigger}
        <ChevronsUpDown size={14} className="model-trigger__chevron" aria-hidden="true" />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="model-picker" align="start" sideOffset={4} collisionPadding={12}>
          <SearchCommand label={`Search ${label}`} loop>
            <Command.Input className="model-picker__search" placeholder={searchPlaceholder} value={search} onValueChange={onSearch} />
            <Command.List className="model-picker__list">
              <SearchScope search={search}>{children}</SearchScope>
            </Command.List>
          </SearchCommand>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

export function ModelPicker({ label, value, chosen, onChange, allowChains, profileId, placeholder = 'Choose a model…' }: Props) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const remember = useModels((s) => s.remember);
  const loadTargets = useModels((s) => s.loadTargets);
  const profiles = useModels((s) => s.profiles);
  // The button names its profile, so the profile list is read once even before the list opens.
  useEffect(() => {
    if (profiles.length === 0) void loadTargets();
  }, [profiles.length, loadTargets]);

  const pick = (target: Target) => {
    remember(target);
    onChange(target);
    setOpen(false);
    setSearch('');
  };

  return (
    <PickerPopover
      label={label}
      trigger={<Current value={value} placeholder={placeholder} />}
      open={open}
      onOpenChange={setOpen}
      search={search}
      onSearch={setSearch}
    >
      <TargetGroups value={value} chosen={chosen} search={search} onPick={pick} allowChains={allowChains} profileId={profileId} />
    </PickerPopover>
  );
}
