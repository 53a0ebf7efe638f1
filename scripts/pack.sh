#!/usr/bin/env bash
# Packs the contracts (contracts/Conecta.Channels.Contracts) into artifacts/packages and checks the package: the dll, its
# XML documentation, the README and the Source Link metadata (the commit); then a project outside this repository
# references the package as the core platform would and builds. Prints "pack: ok <file>" or what is missing; exit 1 then.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/packages
rm -rf "$out"
dotnet pack contracts/Conecta.Channels.Contracts -c Release -o "$out" -nologo -v q > /dev/null
package=$(ls "$out"/Conecta.Channels.Contracts.*.nupkg)
version=$(basename "$package" .nupkg); version=${version#Conecta.Channels.Contracts.}
files=$(unzip -Z1 "$package")
nuspec=$(unzip -p "$package" Conecta.Channels.Contracts.nuspec)
missing=()
for file in lib/net10.0/Conecta.Channels.Contracts.dll lib/net10.0/Conecta.Channels.Contracts.xml README.md; do
  grep -qx "$file" <<< "$files" || missing+=("$file")
done
grep -q '<readme>README.md</readme>' <<< "$nuspec" || missing+=("nuspec readme")
grep -Eq '<repository type="git"[^>]* commit="[0-9a-f]{40}"' <<< "$nuspec" || missing+=("nuspec repository commit")
if [ ${#missing[@]} -gt 0 ]; then echo "pack: $package lacks: ${missing[*]}"; exit 1; fi

# The core platform's side: a PackageReference to this version from the folder, in a project of its own (own package
# cache, so an earlier pack of the same version is never what it gets).
consumer=$(mktemp -d)
trap 'rm -rf "$consumer"' EXIT
cat > "$consumer/Platform.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <RestorePackagesPath>$consumer/packages</RestorePackagesPath>
    <RestoreAdditionalProjectSources>$PWD/$out</RestoreAdditionalProjectSources>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Conecta.Channels.Contracts" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$consumer/Program.cs" <<'CS'
using Conecta.Channels.Contracts.Commands;
using Conecta.Channels.Contracts.Events;
var command = new SendText(Guid.NewGuid(), "1122334455667", "5531988887777", "Olá!");
Console.WriteLine($"{command.GetType().FullName} {nameof(RejectionReason.TypingLocked)}");
CS
if ! dotnet build "$consumer/Platform.csproj" -nologo -v q > "$consumer/build.log" 2>&1; then
  tail -20 "$consumer/build.log"; echo "pack: a project referencing $package does not build"; exit 1
fi
grep -q "<doc>" "$consumer/packages/conecta.channels.contracts/$version/lib/net10.0/Conecta.Channels.Contracts.xml" \
  || { echo "pack: the restored package has no XML documentation"; exit 1; }
echo "pack: ok $package"
